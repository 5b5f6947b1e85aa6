// The reports part of the config: `reports:`, `smtp:` and `reports_dir`.
// Internal to teamload::config; config.cc calls it once the teams and the
// store are read, since reports name teams and the outbox sits beside the
// store by default.
#ifndef TEAMLOAD_DAEMON_CONFIG_REPORTS_SECTION_H_
#define TEAMLOAD_DAEMON_CONFIG_REPORTS_SECTION_H_

#include "absl/strings/string_view.h"
#include "daemon/config/config.h"
#include "daemon/config/problems.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {

// REQUIRES: config.teams and config.store are already read from `root`.
void ReadReportsSection(const YAML::Node& root, absl::string_view file_name,
                        Config& config, Problems& problems);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_REPORTS_SECTION_H_
