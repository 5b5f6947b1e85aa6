#include "daemon/config/store_section.h"

#include <libpq-fe.h>

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace teamload::config {
namespace {

constexpr char kNoPassword[] =
    "never put the password in the file: set store_password_env to the name "
    "of an environment variable that holds it, or use PGPASSWORD or "
    "PGPASSFILE";

// Whether the URL's user part is USER:PASSWORD@.
bool HasUserPassword(absl::string_view url) {
  if (!absl::ConsumePrefix(&url, "postgresql://")) {
    absl::ConsumePrefix(&url, "postgres://");
  }
  const absl::string_view authority = url.substr(0, url.find_first_of("/?"));
  const size_t at = authority.rfind('@');
  return at != absl::string_view::npos &&
         authority.substr(0, at).find(':') != absl::string_view::npos;
}

// Checks a PostgreSQL URL with libpq's own parser: what teamloadd accepts
// here, libpq connects with.
void CheckPostgresUrl(const std::string& url, const YAML::Node& node,
                      Problems& problems) {
  // Before parsing: libpq's messages may quote the URL.
  if (HasUserPassword(url)) {
    problems.Add(node, "store", kNoPassword);
    return;
  }
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(url.c_str(), &error), &PQconninfoFree);
  if (options == nullptr) {
    std::string why = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    absl::StripTrailingAsciiWhitespace(&why);
    problems.Add(node, "store",
                 absl::StrFormat("not a PostgreSQL connection URL: %s", why));
    return;
  }
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (absl::string_view(o->keyword) == "password" && o->val != nullptr) {
      problems.Add(node, "store", kNoPassword);
    }
  }
}

std::string ResolveStore(const std::string& store, absl::string_view file_name,
                         const YAML::Node& node, Problems& problems) {
  if (IsPostgresStore(store)) {
    CheckPostgresUrl(store, node, problems);
    return store;
  }
  if (!absl::StartsWith(store, "sqlite:") || store.size() == 7) {
    problems.Add(node, "store",
                 absl::StrFormat("\"%s\" is not a store URL (expected "
                                 "sqlite:PATH or postgresql://...)",
                                 store));
    return store;
  }
  const std::string path = store.substr(7);
  if (path == ":memory:") return store;
  return absl::StrCat("sqlite:", ResolveAgainst(file_name, path));
}

}  // namespace

bool IsPostgresStore(absl::string_view store) {
  return absl::StartsWith(store, "postgresql://") ||
         absl::StartsWith(store, "postgres://");
}

void ReadStoreSection(const YAML::Node& root, absl::string_view file_name,
                      Config& config, Problems& problems) {
  if (!root["store"]) {
    problems.Add(root, "store",
                 "is required (e.g. store: sqlite:data/teamload.db)");
  } else if (ReadString(root["store"], "store", config.store, problems)) {
    config.store =
        ResolveStore(config.store, file_name, root["store"], problems);
  }
  const YAML::Node password_env = root["store_password_env"];
  if (!password_env || !ReadString(password_env, "store_password_env",
                                   config.store_password_env, problems)) {
    return;
  }
  if (!IsEnvName(config.store_password_env)) {
    problems.Add(password_env, "store_password_env",
                 absl::StrFormat("\"%s\" is not an environment variable name",
                                 config.store_password_env));
  } else if (!config.store.empty() && !IsPostgresStore(config.store)) {
    problems.Add(password_env, "store_password_env",
                 "only a PostgreSQL store (store: postgresql://...) takes a "
                 "password");
  }
}

}  // namespace teamload::config
