// Team patterns in the config: reports and token scopes name teams as
// "payments", "payments-*" (a prefix) or "*" (every team). Internal to
// teamload::config; MatchesTeam itself is public (config.h).
#ifndef TEAMLOAD_DAEMON_CONFIG_TEAM_PATTERNS_H_
#define TEAMLOAD_DAEMON_CONFIG_TEAM_PATTERNS_H_

#include <string>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/config/problems.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {

// Reads a non-empty list of patterns into `out`, each checked against the
// registry: an unknown name or a prefix matching no team is a problem (and
// left out), since either is almost surely a typo.
void ReadTeamPatterns(const YAML::Node& node, const std::string& field,
                      const std::vector<TeamConfig>& registry,
                      std::vector<std::string>& out, Problems& problems);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_TEAM_PATTERNS_H_
