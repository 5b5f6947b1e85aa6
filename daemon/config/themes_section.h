// The themes part of the config: `themes:`, a list of entries that either
// rename or extend a built-in theme or add one of the organisation's own:
//
//   themes:
//     - builtin: on-call fatigue    # a built-in theme, by its name
//       name: pager load            # optional: what narratives call it
//       examples: ["...", ...]      # optional: more ways people say it
//     - name: release anxiety       # a theme of its own
//       source: survey              # or writeups; default survey
//       boundary: safety            # workload, economic or safety
//       examples: ["...", ...]      # at least kMinThemeExamples
//
// Internal to teamload::config; config.cc calls it once, before the teams,
// which share the result.
#ifndef TEAMLOAD_DAEMON_CONFIG_THEMES_SECTION_H_
#define TEAMLOAD_DAEMON_CONFIG_THEMES_SECTION_H_

#include "daemon/config/config.h"
#include "daemon/config/problems.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {

void ReadThemesSection(const YAML::Node& root, Config& config,
                       Problems& problems);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_THEMES_SECTION_H_
