#include "daemon/config/retention_section.h"

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace teamload::config {
namespace {

// The signal kinds (model/kind.h, which depends on this library).
const std::vector<absl::string_view>& Kinds() {
  static const auto* kinds = new std::vector<absl::string_view>{
      "page", "oops", "deferral", "survey_note"};
  return *kinds;
}

constexpr int kMaxDays = 36500;

}  // namespace

void ReadRetentionSection(const YAML::Node& root, Config& config,
                          Problems& problems) {
  const YAML::Node node = root["retention"];
  if (!node) return;
  if (!node.IsMap()) {
    problems.Add(node, "retention",
                 "must be a map of signal kind to period, e.g. "
                 "{survey_note: 400d, oops: forever}");
    return;
  }
  CheckKeys(node, "retention.", Kinds(), problems);
  for (const absl::string_view kind : Kinds()) {
    const YAML::Node value = node[std::string(kind)];
    if (!value) continue;
    const std::string field = absl::StrCat("retention.", kind);
    std::string text;
    if (!ReadString(value, field, text, problems)) continue;
    if (text == "0" || text == "forever") {
      config.retention.erase(std::string(kind));
      continue;
    }
    absl::string_view digits = text;
    int days = 0;
    if (!absl::ConsumeSuffix(&digits, "d") ||
        !absl::SimpleAtoi(digits, &days)) {
      problems.Add(value, field,
                   absl::StrFormat("\"%s\" is not a period: write whole days "
                                   "such as 400d, or 0 or forever to keep "
                                   "every %s",
                                   text, kind));
      continue;
    }
    if (days < 1 || days > kMaxDays) {
      problems.Add(value, field,
                   absl::StrFormat("%dd is out of range 1d..%dd (0 or forever "
                                   "keeps every %s)",
                                   days, kMaxDays, kind));
      continue;
    }
    config.retention[std::string(kind)] = absl::Hours(24) * days;
  }
}

}  // namespace teamload::config
