// One line of a teamloadctl ingest file: a Signal, or a Coverage heartbeat
// (recognised by its "coveredThrough" field), in the proto3 JSON mapping.
#ifndef TEAMLOAD_CLI_JSONL_H_
#define TEAMLOAD_CLI_JSONL_H_

#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::cli {

using IngestLine = std::variant<teamload::v1::Signal, teamload::v1::Coverage>;

// INVALID_ARGUMENT with the parser's reason for a line that is neither.
// Thread-safe. Lines in the usual shape are read by a fast path (simdjson);
// the rest, and every error, by protobuf's JsonStringToMessage.
absl::StatusOr<IngestLine> ParseIngestLine(absl::string_view line);

// The same through JsonStringToMessage alone: what the fast path must agree
// with (cli_test compares them).
absl::StatusOr<IngestLine> ParseIngestLineSlowly(absl::string_view line);

}  // namespace teamload::cli

#endif  // TEAMLOAD_CLI_JSONL_H_
