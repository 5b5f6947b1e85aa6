// The shipped deployment files stay valid: the PostgreSQL example config
// passes `teamloadd --check-config` (no database needed), and the systemd
// units pass `systemd-analyze verify` with their binaries pointed at the
// ones just built, and keep a low `systemd-analyze security` exposure.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/deploy_testing.h"
#include "tests/support/process.h"
#include "yaml-cpp/yaml.h"

namespace teamload::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

TEST(ExampleConfigTest, PostgresExamplePassesCheckConfigWithoutADatabase) {
  const ProcessResult check =
      CheckConfig(ReadFile(DeployDir() / "teamload.postgres.example.yaml"));
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.out,
              HasSubstr("store postgresql://teamload@db1.example.internal:5432,"
                        "db2.example.internal:5432/"
                        "teamload?target_session_attrs=read-write&"));
  EXPECT_THAT(check.out, HasSubstr("TLS, 4 tokens"));
}

// Under ProtectSystem=strict teamloadd writes only to its StateDirectory
// (/var/lib/teamload) and LogsDirectory (/var/log/teamload): every path the
// example configs write must be in one of them.
TEST(ExampleConfigTest, ExamplesWriteOnlyWhereTheUnitLetsThem) {
  for (const char* example :
       {"teamload.example.yaml", "teamload.postgres.example.yaml"}) {
    SCOPED_TRACE(example);
    const YAML::Node config = YAML::LoadFile(DeployDir() / example);
    std::vector<std::string> written = {config["reports_dir"].as<std::string>(),
                                        config["audit_log"].as<std::string>()};
    const std::string store = config["store"].as<std::string>();
    if (absl::StartsWith(store, "sqlite:")) written.push_back(store.substr(7));
    for (const std::string& path : written) {
      EXPECT_TRUE(absl::StartsWith(path, "/var/lib/teamload/") ||
                  absl::StartsWith(path, "/var/log/teamload/"))
          << path;
    }
  }
  const std::string unit = ReadFile(DeployDir() / "systemd/teamloadd.service");
  EXPECT_THAT(unit, HasSubstr("\nStateDirectory=teamload\n"));
  EXPECT_THAT(unit, HasSubstr("\nLogsDirectory=teamload\n"));
  EXPECT_THAT(unit, HasSubstr("\nProtectSystem=strict\n"));
}

class SystemdUnitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    analyze_ = FindProgram("systemd-analyze");
    if (analyze_.empty())
      GTEST_SKIP()
          << "systemd-analyze is not installed (scripts/setup installs "
             "it)";
    // The units start /usr/local/bin/teamload*, which `verify` checks
    // exist: point them at the binaries just built.
    fs::create_directories(dir_.path() / "bin");
    fs::create_symlink(TeamloaddPath(), dir_.path() / "bin/teamloadd");
    for (const auto& [collector, path] : kCollectors) {
      fs::create_symlink(path, dir_.path() / "bin" / ("teamload-" + collector));
    }
    for (const auto& entry : fs::directory_iterator(DeployDir() / "systemd")) {
      std::ofstream(dir_.path() / entry.path().filename())
          << absl::StrReplaceAll(
                 ReadFile(entry.path()),
                 {{"/usr/local/bin/", (dir_.path() / "bin").string() + "/"}});
    }
  }

  // `systemd-analyze ARGS... UNITS...` with the units' copies.
  ProcessResult Analyze(std::vector<std::string> args,
                        const std::vector<std::string>& units) {
    args.insert(args.begin(), analyze_);
    for (const std::string& unit : units)
      args.push_back((dir_.path() / unit).string());
    return testing::Run(args);
  }

  // An instance of a template unit: a link named after it.
  std::string Instance(const std::string& template_name,
                       const std::string& instance) {
    std::string name = template_name;
    name.insert(name.find('@') + 1, instance);
    fs::create_symlink(template_name, dir_.path() / name);
    return name;
  }

  const std::vector<std::pair<std::string, std::string>> kCollectors = {
      {"pagerduty", TEAMLOAD_PAGERDUTY_PATH},
      {"opsgenie", TEAMLOAD_OPSGENIE_PATH},
      {"jira", TEAMLOAD_JIRA_PATH},
      {"oops", TEAMLOAD_OOPS_PATH},
      {"github", TEAMLOAD_GITHUB_PATH}};
  std::string analyze_;
  TempDir dir_;
};

// `verify` exits 0 on some warnings (an unknown key, say) and prints them:
// a clean unit prints nothing.
TEST_F(SystemdUnitTest, TeamloaddPassesVerify) {
  const ProcessResult verify = Analyze({"verify"}, {"teamloadd.service"});
  EXPECT_EQ(verify.exit_code, 0);
  EXPECT_EQ(verify.out + verify.err, "");
}

TEST_F(SystemdUnitTest, CollectorInstancesAndTimersPassVerify) {
  for (const auto& [collector, path] : kCollectors) {
    const ProcessResult verify =
        Analyze({"verify"}, {Instance("teamload-collect@.service", collector),
                             Instance("teamload-collect@.timer", collector)});
    EXPECT_EQ(verify.exit_code, 0) << collector;
    EXPECT_EQ(verify.out + verify.err, "") << collector;
  }
}

// "1.2 OK" today; 2.0 leaves room for systemd's scoring to move, not for
// a setting to be dropped.
TEST_F(SystemdUnitTest, UnitsKeepALowSecurityExposure) {
  for (const std::string& unit :
       {std::string("teamloadd.service"),
        Instance("teamload-collect@.service", "pagerduty")}) {
    const ProcessResult security =
        Analyze({"security", "--offline=yes", "--threshold=20"}, {unit});
    EXPECT_EQ(security.exit_code, 0) << security.out << security.err;
    EXPECT_THAT(security.out, HasSubstr("Overall exposure level for " + unit));
  }
}

}  // namespace
}  // namespace teamload::testing
