#include "daemon/reports/outbox.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::reports {
namespace {

using ::teamload::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> FilesIn(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class OutboxTest : public ::testing::Test {
 protected:
  teamload::testing::TempDir temp_;
  const std::filesystem::path dir_ = temp_.path();
  const RenderedReport rendered_{.name = "weekly",
                                 .date = "2026-11-30",
                                 .title = "t",
                                 .markdown = "# md\n",
                                 .html = "<html></html>\n"};
};

TEST_F(OutboxTest, WritesEachFormatUnderTheReportsFolderByDate) {
  config::ReportConfig report{.name = "weekly"};
  absl::StatusOr<std::vector<std::string>> written =
      WriteToOutbox((dir_ / "reports").string(), report, rendered_);
  ASSERT_TRUE(written.ok()) << written.status();
  const auto folder = dir_ / "reports/weekly";
  EXPECT_THAT(*written, ElementsAre((folder / "2026-11-30.md").string(),
                                    (folder / "2026-11-30.html").string()));
  EXPECT_EQ(ReadFile(folder / "2026-11-30.md"), "# md\n");
  EXPECT_EQ(ReadFile(folder / "2026-11-30.html"), "<html></html>\n");
  // No temporary file is left behind.
  EXPECT_THAT(FilesIn(folder), ElementsAre("2026-11-30.html", "2026-11-30.md"));
}

TEST_F(OutboxTest, OnlyTheFormatsAskedForAndAnOverwriteReplacesWhole) {
  config::ReportConfig report{.name = "weekly", .html = false};
  ASSERT_TRUE(WriteToOutbox(dir_.string(), report, rendered_).ok());
  RenderedReport shorter = rendered_;
  shorter.markdown = "#\n";
  ASSERT_TRUE(WriteToOutbox(dir_.string(), report, shorter).ok());
  EXPECT_THAT(FilesIn(dir_ / "weekly"), ElementsAre("2026-11-30.md"));
  EXPECT_EQ(ReadFile(dir_ / "weekly/2026-11-30.md"), "#\n");
}

TEST_F(OutboxTest, FilesAndFoldersAreOwnerOnlyWhateverTheUmask) {
  namespace fs = std::filesystem;
  const mode_t old_umask = ::umask(0);
  config::ReportConfig report{.name = "weekly"};
  const absl::StatusOr<std::vector<std::string>> written =
      WriteToOutbox((dir_ / "reports").string(), report, rendered_);
  ::umask(old_umask);
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(fs::status(dir_ / "reports").permissions(), fs::perms::owner_all);
  EXPECT_EQ(fs::status(dir_ / "reports/weekly").permissions(),
            fs::perms::owner_all);
  for (const std::string& file : *written) {
    EXPECT_EQ(fs::status(file).permissions(),
              fs::perms::owner_read | fs::perms::owner_write)
        << file;
  }
}

TEST_F(OutboxTest, AFolderThatCannotBeMadeIsNamed) {
  std::ofstream(dir_ / "file") << "in the way";
  config::ReportConfig report{.name = "weekly"};
  absl::StatusOr<std::vector<std::string>> written =
      WriteToOutbox((dir_ / "file").string(), report, rendered_);
  ASSERT_FALSE(written.ok());
  EXPECT_THAT(
      std::string(written.status().message()),
      HasSubstr("cannot create the folder " + (dir_ / "file/weekly").string()));
}

}  // namespace
}  // namespace teamload::reports
