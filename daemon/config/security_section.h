// The access-control part of the config: `tls:`, `auth:`, `insecure_local`
// and `audit_log`, and the rule that ties them to the listeners: a daemon
// serves either TLS with tokens, or (insecure_local) neither, and then only
// on loopback addresses (all but health_listen, which carries no team
// data). Internal to teamload::config; config.cc calls it once the teams
// and the listen addresses are read.
#ifndef TEAMLOAD_DAEMON_CONFIG_SECURITY_SECTION_H_
#define TEAMLOAD_DAEMON_CONFIG_SECURITY_SECTION_H_

#include "absl/strings/string_view.h"
#include "daemon/config/config.h"
#include "daemon/config/problems.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {

// REQUIRES: config.teams and the listeners (listen_section.h) are already
// read from `root`.
void ReadSecuritySection(const YAML::Node& root, absl::string_view file_name,
                         Config& config, Problems& problems);

// Whether a listen address's host is this machine only: 127.0.0.0/8, [::1]
// or localhost.
bool IsLoopbackAddress(absl::string_view address);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_SECURITY_SECTION_H_
