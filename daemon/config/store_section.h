// The store part of the config: `store:` (sqlite:PATH, or a libpq
// connection URL postgresql://... / postgres://...) and
// `store_password_env:`, the environment variable that holds the
// PostgreSQL password. A password is never in the file: a URL holding one
// is refused. Internal to teamload::config; config.cc calls it once.
#ifndef TEAMLOAD_DAEMON_CONFIG_STORE_SECTION_H_
#define TEAMLOAD_DAEMON_CONFIG_STORE_SECTION_H_

#include "absl/strings/string_view.h"
#include "daemon/config/config.h"
#include "daemon/config/problems.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {

// Reads `store` (a relative SQLite path resolved against the folder of
// `file_name`) and `store_password_env` from `root` into `config`.
void ReadStoreSection(const YAML::Node& root, absl::string_view file_name,
                      Config& config, Problems& problems);

// Whether `store` names a PostgreSQL database.
bool IsPostgresStore(absl::string_view store);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_STORE_SECTION_H_
