#include "daemon/store/sqlite_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "daemon/store/store_contract.h"
#include "gtest/gtest.h"

namespace teamload::store {
namespace {

std::string NewSqliteUrl() {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   absl::StrCat("teamload-store-test-", getpid());
  const auto file = dir / absl::StrCat("nested/store-", ++counter, ".db");
  std::filesystem::remove(file);
  return absl::StrCat("sqlite:", file.string());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         testing::Values(&NewSqliteUrl));

TEST(SqliteStoreTest, RefusesADatabaseFromANewerTeamloadd) {
  const std::string url = NewSqliteUrl();
  ASSERT_TRUE(Store::Open(url).ok());
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url.substr(7).c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(url);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(store.status().message()),
              testing::HasSubstr("schema version 999"));
}

TEST(SqliteStoreTest, UnknownUrlKindIsNamed) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open("mysql://x");
  EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(store.status().message()),
              testing::HasSubstr("mysql://x"));
}

}  // namespace
}  // namespace teamload::store
