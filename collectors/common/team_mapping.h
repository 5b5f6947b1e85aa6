// TeamMapping: which source objects belong to which team, read from a YAML
// file that collectors share:
//
//   teams:
//     payments:
//       pagerduty: {services: [PA2P440], escalation_policies: [PY82TC6], teams:
//       [PT4KHLK]} opsgenie: {teams: [payments-oncall]}
//     search:
//       pagerduty: {services: [PSEARCH1]}
//
// A record no team claims is "unmapped": collectors count and name those,
// never drop them silently. An object claimed by two teams is an error.
//
// Thread-safe: immutable after Load.
#ifndef TEAMLOAD_COLLECTORS_COMMON_TEAM_MAPPING_H_
#define TEAMLOAD_COLLECTORS_COMMON_TEAM_MAPPING_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace teamload::collectors {

class TeamMapping {
 public:
  // Errors name the file, line and key.
  static absl::StatusOr<TeamMapping> Load(const std::string& path);
  static absl::StatusOr<TeamMapping> Parse(absl::string_view yaml,
                                           absl::string_view file);

  // The team that owns `id` of `kind` in `source`, e.g.
  // ("pagerduty", "services", "PA2P440") -> "payments".
  std::optional<std::string> TeamFor(absl::string_view source,
                                     absl::string_view kind,
                                     absl::string_view id) const;

  // Every team that maps some object of `source`, sorted: the teams whose
  // coverage a collector of that source reports.
  std::vector<std::string> TeamsOf(absl::string_view source) const;

  // The file it was read from, for messages.
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  absl::flat_hash_map<std::string, std::set<std::string>> teams_by_source_;
  // "source/kind/id" -> team
  absl::flat_hash_map<std::string, std::string> owners_;
};

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_TEAM_MAPPING_H_
