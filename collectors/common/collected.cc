#include "collectors/common/collected.h"

#include <utility>

#include "absl/strings/str_format.h"

namespace teamload::collectors {

void ReportSkipped(const std::vector<RecordError>& errors,
                   Collected& collected) {
  for (const RecordError& error : errors) {
    absl::FPrintF(stderr, "%s: skipped: %s\n", error.where, error.reason);
  }
  collected.malformed += static_cast<int64_t>(errors.size());
}

void KeepMapped(std::optional<teamload::v1::Signal> signal,
                absl::string_view unmapped_why, absl::string_view mapping_path,
                Collected& collected) {
  if (signal.has_value()) {
    collected.signals.push_back(*std::move(signal));
  } else if (!unmapped_why.empty()) {
    absl::FPrintF(stderr, "unmapped: %s belongs to no team in %s\n",
                  unmapped_why, mapping_path);
    ++collected.unmapped;
  }
}

}  // namespace teamload::collectors
