#include "daemon/util/owner_only_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace teamload::util {
namespace {

namespace fs = std::filesystem;

// Runs the test body with umask 0, as a careless service manager might.
class OwnerOnlyFilesTest : public testing::Test {
 protected:
  OwnerOnlyFilesTest()
      : root_(fs::temp_directory_path() /
              absl::StrCat("teamload-owner-only-test-", ::getpid())),
        umask_(::umask(0)) {
    fs::remove_all(root_);
    fs::create_directories(root_);
    fs::permissions(root_, fs::perms::all);  // 0777, like /tmp
  }
  ~OwnerOnlyFilesTest() override {
    ::umask(umask_);
    fs::remove_all(root_);
  }
  static fs::perms Mode(const fs::path& path) {
    return fs::status(path).permissions();
  }

  const fs::path root_;
  const mode_t umask_;
};

TEST_F(OwnerOnlyFilesTest, NewFoldersAre0700AndExistingOnesKeepTheirMode) {
  ASSERT_TRUE(CreateOwnerOnlyFolders(root_ / "a/b/c").ok());
  EXPECT_EQ(Mode(root_ / "a"), kOwnerOnlyFolder);
  EXPECT_EQ(Mode(root_ / "a/b"), kOwnerOnlyFolder);
  EXPECT_EQ(Mode(root_ / "a/b/c"), kOwnerOnlyFolder);
  EXPECT_EQ(Mode(root_), fs::perms::all);
  // Creating what exists is fine.
  EXPECT_TRUE(CreateOwnerOnlyFolders(root_ / "a/b/c").ok());
}

TEST_F(OwnerOnlyFilesTest, NewFilesAre0600AndNeverReplaceAnExistingOne) {
  absl::StatusOr<int> fd = CreateOwnerOnlyFile(root_ / "store.db");
  ASSERT_TRUE(fd.ok()) << fd.status();
  ::close(*fd);
  EXPECT_EQ(Mode(root_ / "store.db"), kOwnerOnlyFile);
  EXPECT_EQ(CreateOwnerOnlyFile(root_ / "store.db").status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(OwnerOnlyFilesTest, FailuresNameThePathAndTheReason) {
  ASSERT_TRUE(CreateOwnerOnlyFile(root_ / "file").ok());
  const absl::Status folder = CreateOwnerOnlyFolders(root_ / "file/sub");
  EXPECT_EQ(folder.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(folder.message(),
            absl::StrCat("cannot create the folder ",
                         (root_ / "file/sub").string(), ": Not a directory"));
  EXPECT_EQ(CreateOwnerOnlyFile(root_ / "missing/file").status().message(),
            absl::StrCat("cannot create ", (root_ / "missing/file").string(),
                         ": No such file or directory"));
}

}  // namespace
}  // namespace teamload::util
