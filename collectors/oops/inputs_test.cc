#include "collectors/oops/inputs.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::oops {
namespace {

namespace fs = std::filesystem;

class InputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("oops-inputs-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "export/oops-payments");
    fs::create_directories(root_ / "writeups/payments");
    for (const char* file :
         {"export/channels.json", "export/users.json",
          "export/oops-payments/2026-11-02.json",
          "export/oops-payments/notes.json", "writeups/README.md",
          "writeups/payments/b.md", "writeups/a.markdown", "stray.txt"}) {
      std::ofstream(root_ / file) << "x";
    }
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string Path(const std::string& relative) const {
    return (root_ / relative).string();
  }

  fs::path root_;
};

TEST_F(InputsTest, KnowsEachFileByItsNameAndKeysWriteUpsByTheirFolder) {
  std::vector<RecordError> errors;
  const std::vector<InputFile> files = ListInputs(
      {Path("writeups"), Path("export"), Path("writeups/payments/b.md")},
      errors);
  EXPECT_THAT(errors, ::testing::IsEmpty());
  ASSERT_EQ(files.size(), 5u);
  EXPECT_EQ(files[0].kind, InputFile::Kind::kWriteUp);
  EXPECT_EQ(files[0].path, Path("writeups/a.markdown"));
  EXPECT_EQ(files[0].key_or_channel, "a.markdown");
  EXPECT_EQ(files[1].key_or_channel, "payments/b.md");
  EXPECT_EQ(files[2].kind, InputFile::Kind::kSlackChannels);
  EXPECT_EQ(files[2].path, Path("export/channels.json"));
  EXPECT_EQ(files[3].kind, InputFile::Kind::kSlackDay);
  EXPECT_EQ(files[3].key_or_channel, "oops-payments");
  // Named on its own: keyed by its file name.
  EXPECT_EQ(files[4].key_or_channel, "b.md");
}

TEST_F(InputsTest, NamesWhatItCannotRead) {
  std::vector<RecordError> errors;
  EXPECT_THAT(ListInputs({Path("stray.txt"), Path("missing")}, errors),
              ::testing::IsEmpty());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].where, Path("stray.txt"));
  EXPECT_EQ(errors[0].reason,
            "neither a write-up (.md) nor a Slack export file "
            "(YYYY-MM-DD.json, channels.json)");
  EXPECT_EQ(errors[1].where, Path("missing"));
  EXPECT_EQ(errors[1].reason, "no such file or folder");
}

}  // namespace
}  // namespace teamload::collectors::oops
