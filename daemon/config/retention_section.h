// The retention part of the config: how long teamloadd keeps each kind of
// signal, counted from when it occurred.
//
//   retention:
//     survey_note: 400d   # the default: people's words do not live forever
//     oops: 730d
//     page: forever       # or 0: kept forever, as every kind not named
//
// A period is whole days ("400d", 1 to 36500). Internal to teamload::config;
// config.cc calls it once.
#ifndef TEAMLOAD_DAEMON_CONFIG_RETENTION_SECTION_H_
#define TEAMLOAD_DAEMON_CONFIG_RETENTION_SECTION_H_

#include "daemon/config/config.h"
#include "daemon/config/problems.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {

// Reads `retention` from `root` into config.retention, over the default.
void ReadRetentionSection(const YAML::Node& root, Config& config,
                          Problems& problems);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_RETENTION_SECTION_H_
