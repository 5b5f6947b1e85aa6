// End to end: every case of the hostile catalogue (catalogue.h) against one
// real teamloadd, in table order. Each case's outcome is checked as a person
// would meet it (the error names the field; stored text is shown inert in
// GetNarrative's Markdown, `teamloadctl narrative` and `team`, and the
// Markdown and HTML report), and after each the daemon must still serve:
// health SERVING and a normal ingest accepted.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <variant>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/stubs/logging.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "teamload/v1/report.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"
#include "tests/hostile/catalogue.h"
#include "tests/hostile/inert.h"
#include "tests/support/process.h"
#include "text/abbreviate.h"
#include "text/controls.h"

namespace teamload::hostile {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using HealthResponse = grpc::health::v1::HealthCheckResponse;

// Small limits, so the cases over them stay cheap.
constexpr int kMaxRequestSignals = 200;
constexpr int kMaxRequestBytes = 2 << 20;

// The tags teamloadd's HTML report writes itself.
const std::set<std::string>& ReportTags() {
  static const auto* const kTags = [] {
    auto* tags = new std::set<std::string>(NarrativeTags());
    for (const char* tag :
         {"html", "head", "meta",  "title",  "style", "body",
          "main", "h4",   "table", "thead",  "tbody", "tr",
          "th",   "td",   "svg",   "desc",   "defs",  "pattern",
          "g",    "rect", "line",  "circle", "text"}) {
      tags->insert(tag);
    }
    return tags;
  }();
  return *kTags;
}

std::string TeamOf(int index) { return absl::StrFormat("h%03d", index); }

// The daemon's config: a team and a report of its own for every case, and a
// team (payments) for the check that it still serves.
std::string DaemonConfig() {
  std::string teams = "teams:\n  - name: payments\n";
  std::string reports = "reports:\n";
  for (int i = 0; i < static_cast<int>(Catalogue().size()); ++i) {
    absl::StrAppend(&teams, "  - name: ", TeamOf(i), "\n");
    absl::StrAppendFormat(&reports,
                          "  - name: %s\n    schedule: Mon 09:00 UTC\n"
                          "    teams: [%s]\n",
                          TeamOf(i), TeamOf(i));
  }
  return absl::StrFormat(
      "limits: {max_request_signals: %d, max_request_bytes: %d}\n%s%s",
      kMaxRequestSignals, kMaxRequestBytes, teams, reports);
}

std::unique_ptr<grpc::ClientContext> CallContext() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  return context;
}

// The first rejection's error in `response`, or "".
std::string FirstRejection(const v1::IngestResponse& response) {
  for (const auto& r : response.results()) {
    if (r.outcome() == v1::OUTCOME_REJECTED) return r.error();
  }
  for (const auto& r : response.coverage_results()) {
    if (r.outcome() == v1::OUTCOME_REJECTED) return r.error();
  }
  return "";
}

// Calls `method` of `stub` with `request`; its status, the response in
// `response` if given.
template <typename Stub, typename Request, typename Response>
grpc::Status Unary(grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                const Request&, Response*),
                   std::unique_ptr<Stub> stub, const Request& request,
                   Response* response = nullptr) {
  Response ignored;
  return ((*stub).*method)(CallContext().get(), request,
                           response != nullptr ? response : &ignored);
}

// A call's answer, whatever the call was.
struct Answer {
  grpc::Status status;
  std::string rejection;  // ingest: the first entry rejected
  testing::ProcessResult command;
};

class HostileTest : public ::testing::TestWithParam<int> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    daemon_ = new testing::Daemon(dir_->path(), DaemonConfig());
    daemon_->Start();
    channel_ = new std::shared_ptr<grpc::Channel>(grpc::CreateChannel(
        daemon_->address(), grpc::InsecureChannelCredentials()));
  }
  static void TearDownTestSuite() {
    delete channel_;
    delete daemon_;
    delete dir_;
  }

  const Case& TheCase() const { return Catalogue()[GetParam()]; }
  Context CaseContext() const {
    return {TeamOf(GetParam()), TeamOf(GetParam()), absl::Now()};
  }

  testing::ProcessResult Ctl(std::vector<std::string> args,
                             const std::string& input = "") {
    args.insert(args.begin(),
                {testing::TeamloadctlPath(), "--addr", daemon_->address()});
    return testing::Run(args, input);
  }

  Answer Send(const Call& call);
  void ExpectInert(const Context& context, const Expect& expect);
  void ExpectStillServing();

  static testing::TempDir* dir_;
  static testing::Daemon* daemon_;
  static std::shared_ptr<grpc::Channel>* channel_;
};

testing::TempDir* HostileTest::dir_ = nullptr;
testing::Daemon* HostileTest::daemon_ = nullptr;
std::shared_ptr<grpc::Channel>* HostileTest::channel_ = nullptr;

// Checks of the log over every case before: no control byte, and every line
// an entry of teamloadd's own or an indented continuation.
testing::ProcessResult DaemonLogChecked(const std::string& log) {
  testing::ProcessResult result{.exit_code = 0, .out = log};
  for (absl::string_view line : absl::StrSplit(log, '\n', absl::SkipEmpty())) {
    const bool entry = line.size() > 25 && line[4] == '-' && line[10] == 'T' &&
                       line[23] == 'Z' && !absl::StrContains(line, "forged");
    if (!entry && !absl::StartsWith(line, "  ")) {
      result.exit_code = 1;
      absl::StrAppend(&result.err, "not an entry: ", line, "\n");
    }
  }
  return result;
}

Answer HostileTest::Send(const Call& call) {
  google::protobuf::LogSilencer quiet;  // cases send invalid UTF-8 on purpose
  Answer answer;
  auto ingest = v1::IngestService::NewStub(*channel_);
  if (const auto* c = std::get_if<IngestCall>(&call)) {
    v1::IngestResponse response;
    answer.status = ingest->Ingest(CallContext().get(), c->request, &response);
    answer.rejection = FirstRejection(response);
  } else if (const auto* c = std::get_if<IngestBytesCall>(&call)) {
    grpc::GenericStub stub(*channel_);
    grpc::Slice slice(c->bytes);
    const grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    absl::Notification done;
    auto context = CallContext();
    stub.UnaryCall(context.get(), "/teamload.v1.IngestService/Ingest",
                   grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) {
                     answer.status = std::move(s);
                     done.Notify();
                   });
    done.WaitForNotification();
    std::vector<grpc::Slice> slices;
    v1::IngestResponse parsed;
    if (answer.status.ok() && response.Dump(&slices).ok()) {
      std::string bytes;
      for (const auto& s : slices) {
        bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
      EXPECT_TRUE(parsed.ParseFromString(bytes));
      answer.rejection = FirstRejection(parsed);
    }
  } else if (const auto* c = std::get_if<NarrativeCall>(&call)) {
    answer.status = Unary(&v1::NarrativeService::Stub::GetNarrative,
                          v1::NarrativeService::NewStub(*channel_), c->request);
  } else if (const auto* c = std::get_if<NarrativesCall>(&call)) {
    answer.status = Unary(&v1::NarrativeService::Stub::ListNarratives,
                          v1::NarrativeService::NewStub(*channel_), c->request);
  } else if (const auto* c = std::get_if<TeamCall>(&call)) {
    answer.status = Unary(&v1::TeamService::Stub::GetTeam,
                          v1::TeamService::NewStub(*channel_), c->request);
  } else if (const auto* c = std::get_if<ReportCall>(&call)) {
    answer.status = Unary(&v1::ReportService::Stub::RenderReport,
                          v1::ReportService::NewStub(*channel_), c->request);
  } else if (const auto* c = std::get_if<CtlCall>(&call)) {
    answer.command = Ctl(c->args, c->input);
  } else if (const auto* c = std::get_if<CheckConfigCall>(&call)) {
    testing::TempDir dir;
    const auto config = dir.path() / "teamload.yaml";
    std::ofstream(config) << "listen: 127.0.0.1:0\ninsecure_local: true\n"
                          << "teams:\n"
                          << c->teams_yaml;
    answer.command =
        testing::Run({testing::TeamloaddPath(), "--check-config", config});
  } else if (std::holds_alternative<DaemonLogCall>(call)) {
    answer.command = DaemonLogChecked(daemon_->Log());
  }
  return answer;
}

// `markdown` holds no control byte; rendered, no live markup (with GitHub's
// autolinks too) and `shown` as its text.
void ExpectMarkdownInert(const std::string& markdown,
                         const std::set<std::string>& tags,
                         const std::string& shown, const char* where) {
  EXPECT_FALSE(HasRawControls(markdown)) << where << ":\n" << markdown;
  const std::string linked = RenderCommonMark(markdown, /*autolinks=*/true);
  EXPECT_THAT(LiveMarkup(linked, tags), IsEmpty()) << where << ":\n" << linked;
  const std::string html = RenderCommonMark(markdown, /*autolinks=*/false);
  EXPECT_THAT(TextOf(html), HasSubstr(shown)) << where << ", rendered:\n"
                                              << html;
}

void HostileTest::ExpectInert(const Context& context, const Expect& expect) {
  const std::string shown = ShownAsHtml(expect.shows);
  v1::GetNarrativeRequest request;
  request.set_team(context.team);
  v1::Narrative narrative;
  const grpc::Status status =
      Unary(&v1::NarrativeService::Stub::GetNarrative,
            v1::NarrativeService::NewStub(*channel_), request, &narrative);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ExpectMarkdownInert(narrative.markdown(), NarrativeTags(), shown,
                      "GetNarrative");

  v1::RenderReportRequest report_request;
  report_request.set_name(context.team);
  v1::RenderedReport report;
  const grpc::Status rendered =
      Unary(&v1::ReportService::Stub::RenderReport,
            v1::ReportService::NewStub(*channel_), report_request, &report);
  ASSERT_TRUE(rendered.ok()) << rendered.error_message();
  ExpectMarkdownInert(report.markdown(), ReportTags(), shown,
                      "the Markdown report");
  EXPECT_FALSE(HasRawControls(report.html())) << report.html();
  EXPECT_THAT(LiveMarkup(report.html(), ReportTags()), IsEmpty())
      << report.html();
  EXPECT_THAT(TextOf(report.html()), HasSubstr(shown)) << "the HTML report";
  if (expect.in_chart) {
    const size_t open = report.html().find("<svg");
    ASSERT_NE(open, std::string::npos) << report.html();
    const std::string chart = TextOf(
        report.html().substr(open, report.html().find("</svg>", open) - open));
    // The chart shortens notes and authors (to 24 characters at the least)
    // and shows a line break as "\n": the first 10 characters as given,
    // shown and escaped.
    EXPECT_THAT(chart,
                HasSubstr(absl::StrReplaceAll(
                    text::ShowControls(text::FirstCharacters(expect.shows, 10)),
                    {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}})))
        << "the report's chart:\n"
        << chart;
  }

  for (const char* command : {"narrative", "team"}) {
    const testing::ProcessResult shown_by_ctl = Ctl({command, context.team});
    EXPECT_EQ(shown_by_ctl.exit_code, 0) << shown_by_ctl.err;
    EXPECT_FALSE(HasRawControls(shown_by_ctl.out))
        << "teamloadctl " << command << ":\n"
        << shown_by_ctl.out;
  }
}

void HostileTest::ExpectStillServing() {
  auto health = grpc::health::v1::Health::NewStub(*channel_);
  for (const char* service : {"", "teamload.v1.IngestService"}) {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    HealthResponse response;
    const grpc::Status status =
        health->Check(CallContext().get(), request, &response);
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    EXPECT_EQ(response.status(), HealthResponse::SERVING) << service;
  }
  v1::IngestRequest request;
  v1::Signal* page = request.add_signals();
  page->set_id(absl::StrCat("alive:", GetParam()));
  page->set_team("payments");
  page->set_source("pagerduty");
  page->mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(absl::Now()));
  page->mutable_page()->set_title("db down");
  v1::IngestResponse response;
  const grpc::Status status = v1::IngestService::NewStub(*channel_)->Ingest(
      CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).outcome(), v1::OUTCOME_ACCEPTED)
      << response.results(0).error();
}

TEST_P(HostileTest, AnswersAsExpectedAndStillServes) {
  const Case& c = TheCase();
  // TEAMLOAD_HOSTILE_DISABLED=run runs them too: to check a fix.
  const char* run_disabled = std::getenv("TEAMLOAD_HOSTILE_DISABLED");
  if (*c.disabled_because != '\0' &&
      (run_disabled == nullptr || std::string(run_disabled) != "run")) {
    GTEST_SKIP() << c.disabled_because;
  }
  const Context context = CaseContext();
  const Call call = c.call(context);
  const Answer answer = Send(call);
  const Expect& expect = c.expect;
  switch (expect.kind) {
    case Expect::Kind::kInert:
      if (std::holds_alternative<CtlCall>(call)) {
        EXPECT_EQ(answer.command.exit_code, 0) << answer.command.err;
      } else {
        ASSERT_TRUE(answer.status.ok()) << answer.status.error_message();
        EXPECT_EQ(answer.rejection, "");
      }
      ExpectInert(context, expect);
      break;
    case Expect::Kind::kRejected:
      ASSERT_TRUE(answer.status.ok()) << answer.status.error_message();
      EXPECT_THAT(answer.rejection, HasSubstr(expect.says));
      break;
    case Expect::Kind::kRefused:
      EXPECT_EQ(answer.status.error_code(), expect.code)
          << answer.status.error_message();
      EXPECT_THAT(answer.status.error_message(), HasSubstr(expect.says));
      break;
    case Expect::Kind::kCommand:
      EXPECT_EQ(answer.command.exit_code, expect.exit_code)
          << answer.command.err;
      EXPECT_THAT(answer.command.err, HasSubstr(expect.says));
      EXPECT_FALSE(HasRawControls(answer.command.out)) << answer.command.out;
      EXPECT_FALSE(HasRawControls(answer.command.err)) << answer.command.err;
      break;
  }
  ExpectStillServing();
}

// "signal: id with backticks" as signal_id_with_backticks.
std::string CaseName(const ::testing::TestParamInfo<int>& info) {
  const Case& c = Catalogue()[info.param];
  std::string name = absl::StrCat(c.area, "_", c.name);
  for (char& ch : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, HostileTest,
                         ::testing::Range(0,
                                          static_cast<int>(Catalogue().size())),
                         CaseName);

TEST(CatalogueTest, HasAtLeastEightyCasesWithUniqueNames) {
  std::set<std::string> names;
  for (const Case& c : Catalogue()) {
    EXPECT_TRUE(names.insert(absl::StrCat(c.area, ": ", c.name)).second)
        << c.area << ": " << c.name;
  }
  EXPECT_GE(names.size(), 80u);
}

}  // namespace
}  // namespace teamload::hostile
