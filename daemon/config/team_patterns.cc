#include "daemon/config/team_patterns.h"

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace teamload::config {

bool MatchesTeam(absl::string_view pattern, absl::string_view team) {
  if (absl::ConsumeSuffix(&pattern, "*"))
    return absl::StartsWith(team, pattern);
  return team == pattern;
}

void ReadTeamPatterns(const YAML::Node& node, const std::string& field,
                      const std::vector<TeamConfig>& registry,
                      std::vector<std::string>& out, Problems& problems) {
  std::vector<std::string> patterns;
  if (!ReadStringList(node, field, "team names or prefixes such as platform-*",
                      patterns, problems)) {
    return;
  }
  if (patterns.empty()) {
    problems.Add(node, field, "must name at least one team");
    return;
  }
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const std::string& pattern = patterns[i];
    bool matched = false;
    for (const TeamConfig& team : registry) {
      matched = matched || MatchesTeam(pattern, team.name);
    }
    if (matched) {
      out.push_back(pattern);
      continue;
    }
    problems.Add(
        node[i], absl::StrFormat("%s[%d]", field, i),
        absl::EndsWith(pattern, "*")
            ? absl::StrFormat("\"%s\" matches no team under teams:", pattern)
            : absl::StrFormat("unknown team \"%s\" (not under teams:)",
                              pattern));
  }
}

}  // namespace teamload::config
