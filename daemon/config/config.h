// Config: teamloadd's YAML configuration, parsed and checked as a whole.
//
// Every problem is reported as "FILE:LINE:COLUMN: FIELD: what is wrong", all
// problems at once, so an operator can fix a file in one pass.
#ifndef TEAMLOAD_DAEMON_CONFIG_CONFIG_H_
#define TEAMLOAD_DAEMON_CONFIG_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace teamload::config {

struct TeamConfig {
  std::string name;
  std::string timezone = "UTC";  // IANA name, checked against tzdata
  int oncall_size = 1;
  std::vector<std::string> expected_sources;
};

// Per-request limits, enforced at the API edge.
struct Limits {
  int64_t max_request_signals = 10'000;
  int64_t max_request_bytes = 16 << 20;
};

struct Config {
  std::string listen = "127.0.0.1:7070";
  std::string metrics_listen = "127.0.0.1:9470";
  // "sqlite:PATH"; a relative PATH is resolved against the config file's
  // folder, so the daemon finds its data wherever it is started from.
  std::string store;
  Limits limits;
  std::vector<TeamConfig> teams;
};

// Reads and checks the file at `path`.
absl::StatusOr<Config> LoadConfig(const std::string& path);

// Checks `yaml`; `file_name` prefixes error messages and its folder anchors
// relative store paths.
absl::StatusOr<Config> ParseConfig(absl::string_view yaml,
                                   absl::string_view file_name);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_CONFIG_H_
