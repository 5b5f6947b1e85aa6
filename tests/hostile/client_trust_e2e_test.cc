// End to end: teamloadctl does not trust the daemon it talks to. A fake
// daemon (in this process) answers with hostile names and messages: the
// files `teamloadctl report --out` writes stay inside --out with plain
// names, and nothing it prints carries a control byte.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "teamload/v1/report.grpc.pb.h"
#include "tests/hostile/inert.h"
#include "tests/support/process.h"

namespace teamload::hostile {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Renders every report as `name` of `date`, or fails with `error`.
class FakeReports final : public v1::ReportService::Service {
 public:
  FakeReports(std::string name, std::string date, std::string error = "")
      : name_(std::move(name)),
        date_(std::move(date)),
        error_(std::move(error)) {}
  grpc::Status RenderReport(grpc::ServerContext*,
                            const v1::RenderReportRequest*,
                            v1::RenderedReport* report) override {
    if (!error_.empty()) return grpc::Status(grpc::NOT_FOUND, error_);
    report->set_name(name_);
    report->set_date(date_);
    report->set_markdown("# report\n");
    report->set_html("<p>report</p>\n");
    return grpc::Status::OK;
  }

 private:
  const std::string name_, date_, error_;
};

class ClientTrustTest : public ::testing::Test {
 protected:
  // Serves `reports` on a free loopback port.
  void Serve(FakeReports* reports) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(reports);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }
  testing::ProcessResult Ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {testing::TeamloadctlPath(), "--addr",
                               "127.0.0.1:" + std::to_string(port_)});
    return testing::Run(args);
  }
  // Every file under `dir`, relative to it.
  static std::vector<std::string> FilesUnder(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      files.push_back(fs::relative(entry.path(), dir).string());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  testing::TempDir dir_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

TEST_F(ClientTrustTest, ReportFilesStayInOutWithPlainNames) {
  const struct {
    std::string name, date;
    std::vector<std::string> files;
  } kCases[] = {
      {"../../escaped",
       "2026-11-30",
       {"______escaped-2026-11-30.html", "______escaped-2026-11-30.md"}},
      {"/etc/cron.d/x", "..", {"_etc_cron.d_x-__.html", "_etc_cron.d_x-__.md"}},
      {"a..b.", ".", {"a__b_-_.html", "a__b_-_.md"}},
      {"weekly\x1b]0;pwned\x07",
       "2026\r\n",
       {"weekly__0_pwned_-2026__.html", "weekly__0_pwned_-2026__.md"}},
      {".hidden", "", {"_hidden-_.html", "_hidden-_.md"}},
      {"", "\u202e", {"_-___.html", "_-___.md"}},
      {std::string(300, 'n'),
       "d",
       {std::string(100, 'n') + "-d.html", std::string(100, 'n') + "-d.md"}},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    FakeReports reports(c.name, c.date);
    Serve(&reports);
    const fs::path out = dir_.path() / "out";
    fs::remove_all(out);
    const testing::ProcessResult result =
        Ctl({"report", "weekly", "--out", out.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(FilesUnder(out), ::testing::ElementsAreArray(c.files));
    EXPECT_EQ(FilesUnder(dir_.path()).size(), c.files.size() + 1)
        << "nothing written outside --out";
    EXPECT_FALSE(HasRawControls(result.out)) << result.out;
    server_->Shutdown();
    server_.reset();
  }
}

TEST_F(ClientTrustTest, ErrorsFromTheDaemonAreShownEscaped) {
  FakeReports reports("", "", "no report \"\x1b[2J\x1b]0;pwned\x07\r\"");
  Serve(&reports);
  const testing::ProcessResult result = Ctl({"report", "weekly"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr("no report \"\\x1b[2J\\x1b]0;pwned\\x07\\r\""));
  EXPECT_FALSE(HasRawControls(result.err)) << result.err;
}

}  // namespace
}  // namespace teamload::hostile
