#include "daemon/store/store.h"

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "daemon/store/postgres_store.h"
#include "daemon/store/sqlite_store.h"

namespace teamload::store {

absl::StatusOr<std::unique_ptr<Store>> Store::Open(absl::string_view url,
                                                   const OpenOptions& options) {
  if (absl::StartsWith(url, "sqlite:")) return OpenSqliteStore(url.substr(7));
  if (absl::StartsWith(url, "postgresql://") ||
      absl::StartsWith(url, "postgres://")) {
    return OpenPostgresStore(url, options);
  }
  return absl::InvalidArgumentError(
      absl::StrFormat("store \"%s\": unknown kind (expected sqlite:PATH or "
                      "postgresql://...)",
                      url));
}

}  // namespace teamload::store
