#include "daemon/auth/caller.h"

#include "absl/strings/str_join.h"

namespace teamload::auth {

absl::string_view RightName(Right right) {
  constexpr absl::string_view kNames[] = {"ingest", "read", "metrics", "erase",
                                          "annotate"};
  return kNames[static_cast<int>(right)];
}

Caller Caller::Local() {
  return {.name = "local", .role = config::Role::kAdmin, .teams = {"*"}};
}

bool Caller::May(Right right) const {
  if (role == config::Role::kAdmin) return true;
  // By Right's value: the role that holds it besides admin.
  constexpr config::Role kHolders[] = {
      config::Role::kCollector, config::Role::kReader, config::Role::kMetrics,
      config::Role::kAdmin, config::Role::kReader};
  return role == kHolders[static_cast<int>(right)];
}

bool Caller::Sees(absl::string_view team) const {
  for (const std::string& pattern : teams) {
    if (config::MatchesTeam(pattern, team)) return true;
  }
  return false;
}

std::string Caller::ScopeText() const {
  return teams.empty() ? "no teams" : absl::StrJoin(teams, ", ");
}

}  // namespace teamload::auth
