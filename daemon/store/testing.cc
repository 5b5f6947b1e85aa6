#include "daemon/store/testing.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "daemon/store/testing_postgres.h"

namespace teamload::store::testing {

std::string NewSqliteUrl() {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   absl::StrCat("teamload-store-test-", getpid());
  const auto file = dir / absl::StrCat("nested/store-", ++counter, ".db");
  std::filesystem::remove(file);
  return absl::StrCat("sqlite:", file.string());
}

std::string NewPostgresUrl() {
  absl::StatusOr<std::string> url = PostgresCluster::Shared().NewDatabase();
  if (!url.ok()) {
    std::fprintf(stderr, "cannot create a test database: %s\n",
                 url.status().ToString().c_str());
    std::abort();
  }
  return *url;
}

std::string StoreName(NewStoreUrl new_url) {
  return new_url == &NewSqliteUrl ? "Sqlite" : "Postgres";
}

}  // namespace teamload::store::testing
