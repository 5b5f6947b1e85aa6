#include "daemon/api/audit_log.h"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/time/time.h"
#include "daemon/util/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace teamload::api {
namespace {

std::vector<std::string> Lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class AuditLogTest : public ::testing::Test {
 protected:
  AuditLogTest()
      : dir_(std::filesystem::temp_directory_path() /
             ("audit_log_test." + std::to_string(getpid()))),
        clock_(absl::FromUnixSeconds(1'795'000'000)) {}
  ~AuditLogTest() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  util::FakeClock clock_;
};

TEST_F(AuditLogTest, OneJsonLinePerCallNamingWhoWhereWhatAndWhichTeams) {
  const mode_t old_umask = umask(0);
  absl::StatusOr<std::unique_ptr<AuditLog>> log =
      AuditLog::Open((dir_ / "logs/audit.jsonl").string(), &clock_);
  umask(old_umask);
  ASSERT_TRUE(log.ok()) << log.status();
  const auth::Caller lead{.name = "payments-lead",
                          .role = config::Role::kReader,
                          .teams = {"payments"}};
  (*log)->Record(lead, "ipv4:10.0.0.7:51000", "ListNarratives",
                 {"payments", "payments \"api\""});
  (*log)->Record(lead, "ipv4:10.0.0.7:51000", "GetTeam", {});

  const std::vector<std::string> lines = Lines(dir_ / "logs/audit.jsonl");
  ASSERT_EQ(lines.size(), 2);
  google::protobuf::Struct first;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(lines[0], &first).ok())
      << lines[0];
  const auto& fields = first.fields();
  EXPECT_EQ(fields.at("time").string_value(), "2026-11-18T11:06:40.000Z");
  EXPECT_EQ(fields.at("token").string_value(), "payments-lead");
  EXPECT_EQ(fields.at("peer").string_value(), "ipv4:10.0.0.7:51000");
  EXPECT_EQ(fields.at("rpc").string_value(), "ListNarratives");
  ASSERT_EQ(fields.at("teams").list_value().values_size(), 2);
  EXPECT_EQ(fields.at("teams").list_value().values(1).string_value(),
            "payments \"api\"");
  EXPECT_EQ(fields.size(), 5);  // nothing else: never content

  // Owner-only whatever the umask.
  struct stat file;
  ASSERT_EQ(stat((dir_ / "logs/audit.jsonl").c_str(), &file), 0);
  EXPECT_EQ(file.st_mode & 0777, 0600);
  struct stat folder;
  ASSERT_EQ(stat((dir_ / "logs").c_str(), &folder), 0);
  EXPECT_EQ(folder.st_mode & 0777, 0700);
}

TEST_F(AuditLogTest, ReopenFollowsLogrotate) {
  const std::filesystem::path path = dir_ / "audit.jsonl";
  std::filesystem::create_directories(dir_);
  absl::StatusOr<std::unique_ptr<AuditLog>> log =
      AuditLog::Open(path.string(), &clock_);
  ASSERT_TRUE(log.ok()) << log.status();
  const auth::Caller ops = auth::Caller::Local();
  (*log)->Record(ops, "p", "ListTeams", {"a"});
  std::filesystem::rename(path, dir_ / "audit.jsonl.1");
  (*log)->Record(ops, "p", "ListTeams", {"b"});  // still the moved file
  ASSERT_TRUE((*log)->Reopen().ok());
  (*log)->Record(ops, "p", "ListTeams", {"c"});
  EXPECT_EQ(Lines(dir_ / "audit.jsonl.1").size(), 2);
  ASSERT_EQ(Lines(path).size(), 1);
  EXPECT_THAT(Lines(path)[0], ::testing::HasSubstr("\"c\""));
}

TEST_F(AuditLogTest, AnUnwritableFolderIsNamedAtOpen) {
  absl::StatusOr<std::unique_ptr<AuditLog>> log =
      AuditLog::Open("/proc/no/such/audit.jsonl", &clock_);
  EXPECT_EQ(log.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(log.status().message()),
              ::testing::StartsWith("audit_log /proc/no/such/audit.jsonl: "));
}

}  // namespace
}  // namespace teamload::api
