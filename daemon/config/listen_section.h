// The listeners of the config: `listen` (gRPC: teamload's services, health
// and reflection), `metrics_listen` (Prometheus /metrics; empty: none) and
// `health_listen` (gRPC health only, always plaintext; empty: none). Each
// address is checked the way the server that opens it reads it, and each
// listener needs a port of its own. Internal to teamload::config; config.cc
// calls ReadListenSection once.
#ifndef TEAMLOAD_DAEMON_CONFIG_LISTEN_SECTION_H_
#define TEAMLOAD_DAEMON_CONFIG_LISTEN_SECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "daemon/config/config.h"
#include "daemon/config/problems.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {

// One address the daemon listens on, under its config key.
struct Listener {
  const char* key;  // "listen", "metrics_listen" or "health_listen"
  std::string address;
  // False only for health_listen, which tells whether teamloadd is serving
  // and nothing else: no team data, no writes, no tokens.
  bool carries_team_data;
};

// Reads `listen`, `metrics_listen` and `health_listen` from `root` into
// `config` and checks them, and that no two share a port.
void ReadListenSection(const YAML::Node& root, Config& config,
                       Problems& problems);

// The listeners `config` opens (metrics_listen and health_listen when set).
std::vector<Listener> Listeners(const Config& config);

// The PORT of "HOST:PORT", when HOST is not empty and PORT is a number in
// 0..65535; nullopt otherwise.
std::optional<int> ListenPort(absl::string_view address);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_LISTEN_SECTION_H_
