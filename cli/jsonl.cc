#include "cli/jsonl.h"

#include <string>

#include "absl/strings/match.h"
#include "google/protobuf/util/json_util.h"

namespace teamload::cli {
namespace {

template <typename Message>
absl::StatusOr<IngestLine> Parse(absl::string_view line) {
  Message message;
  const auto status = google::protobuf::util::JsonStringToMessage(
      std::string(line), &message, google::protobuf::util::JsonParseOptions());
  if (!status.ok()) {
    return absl::InvalidArgumentError(std::string(status.message()));
  }
  return message;
}

}  // namespace

absl::StatusOr<IngestLine> ParseIngestLine(absl::string_view line) {
  if (absl::StrContains(line, "\"coveredThrough\"") ||
      absl::StrContains(line, "\"covered_through\"")) {
    return Parse<teamload::v1::Coverage>(line);
  }
  return Parse<teamload::v1::Signal>(line);
}

}  // namespace teamload::cli
