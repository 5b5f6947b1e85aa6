#include "daemon/store/sqlite_store.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "daemon/store/store.h"
#include "daemon/store/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::store {
namespace {

using testing::NewSqliteUrl;

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
              ::testing::HasSubstr("schema version 999"));
}

// A batch of `count` new ids of about 1 KiB each.
WriteBatch BigBatch(absl::string_view prefix, int count) {
  WriteBatch batch;
  for (int i = 0; i < count; ++i) {
    batch.revisions.push_back({.id = absl::StrCat(prefix, i),
                               .team = "payments",
                               .kind = "page",
                               .body = std::string(1024, 'x')});
  }
  return batch;
}

// A full disk, played by a file size limit on this process: writes past it
// fail with EFBIG (SIGXFSZ ignored), as they fail with ENOSPC on a full disk.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    old_handler_ = ::signal(SIGXFSZ, SIG_IGN);
    ::getrlimit(RLIMIT_FSIZE, &old_);
    rlimit limit = old_;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old_);
    ::signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit old_;
  sighandler_t old_handler_;
};

TEST(SqliteStoreTest, AFullDiskIsResourceExhaustedAndWritesResumeAfterIt) {
  const std::string url = NewSqliteUrl();
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(url);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->Write(BigBatch("before:", 10)).ok());
  {
    FileSizeLimit full(64 * 1024);
    const absl::Status status = (*store)->Write(BigBatch("big:", 500));
    EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
    EXPECT_THAT(std::string(status.message()),
                ::testing::StartsWith("sqlite: "));
  }
  // Nothing of the failed batch was written, and once there is space the
  // same store writes it without being reopened.
  EXPECT_THAT(*(*store)->Revisions("big:0"), ::testing::IsEmpty());
  ASSERT_TRUE((*store)->Write(BigBatch("big:", 500)).ok());
  int64_t count = 0;
  ASSERT_TRUE((*store)
                  ->ForEachRevision([&](const Revision&) {
                    ++count;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(count, 510);
}

TEST(SqliteStoreTest, FilesAndFoldersAreOwnerOnlyWhateverTheUmask) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() /
                       absl::StrCat("teamload-store-umask-test-", getpid());
  fs::remove_all(dir);
  const mode_t old_umask = ::umask(0);
  {
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(
        absl::StrCat("sqlite:", (dir / "data/teamload.db").string()));
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Write(BigBatch("pd:", 1)).ok());
    const fs::perms file = fs::perms::owner_read | fs::perms::owner_write;
    for (const char* name :
         {"teamload.db", "teamload.db-wal", "teamload.db-shm"}) {
      EXPECT_EQ(fs::status(dir / "data" / name).permissions(), file) << name;
    }
    EXPECT_EQ(fs::status(dir).permissions(), fs::perms::owner_all);
    EXPECT_EQ(fs::status(dir / "data").permissions(), fs::perms::owner_all);
  }
  ::umask(old_umask);
  fs::remove_all(dir);
}

TEST(SqliteStoreTest, UnknownUrlKindIsNamed) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open("mysql://x");
  EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(store.status().message()),
              ::testing::HasSubstr("mysql://x"));
}

}  // namespace
}  // namespace teamload::store
