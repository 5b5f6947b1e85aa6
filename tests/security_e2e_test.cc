// End to end: access control on a real teamloadd serving TLS with real
// certificates (tests/support/tls.h) and bearer tokens. One table proves
// every role x scope x RPC combination, including the identical
// PERMISSION_DENIED for a hidden and a missing team; then health without a
// token, reflection with one, scoped ingest, client certificates, and
// teamloadctl's token loop.
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "teamload/v1/report.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"
#include "tests/support/ingest.h"
#include "tests/support/process.h"
#include "tests/support/tls.h"

namespace teamload {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

constexpr Code OK = Code::OK;
constexpr Code UNAUTH = Code::UNAUTHENTICATED;
constexpr Code DENIED = Code::PERMISSION_DENIED;

// The callers, in the order of every row's expectations below.
enum Caller {
  kNoToken,
  kWrongToken,
  kCollectorAll,
  kCollectorPayments,
  kReaderPayments,
  kReaderAll,
  kAdmin,
  kMetrics,
  kCallers
};
const char* const kCallerNames[kCallers] = {
    "no token",        "wrong token", "collector *", "collector payments",
    "reader payments", "reader *",    "admin",       "metrics"};
// Each caller's token ("" sends none).
const char* const kTokens[kCallers] = {"",
                                       "tl_wrong",
                                       "tl_collector_all",
                                       "tl_collector_pay",
                                       "tl_reader_pay",
                                       "tl_reader_all",
                                       "tl_admin",
                                       "tl_metrics"};

std::string AuthSection() {
  return absl::StrCat(
      "auth:\n  tokens:\n",
      testing::TokenEntry("collector-all", kTokens[kCollectorAll], "collector",
                          "[\"*\"]"),
      testing::TokenEntry("collector-payments", kTokens[kCollectorPayments],
                          "collector", "[payments]"),
      testing::TokenEntry("reader-payments", kTokens[kReaderPayments], "reader",
                          "[payments, payments-*]"),
      testing::TokenEntry("reader-all", kTokens[kReaderAll], "reader",
                          "[\"*\"]"),
      testing::TokenEntry("admin", kTokens[kAdmin], "admin", "[\"*\"]"),
      testing::TokenEntry("prometheus", kTokens[kMetrics], "metrics", ""));
}

constexpr char kTeamsAndReports[] = R"yaml(teams:
  - name: payments
  - name: payments-api
  - name: search
reports:
  - name: weekly-payments
    schedule: Mon 09:00 UTC
    teams: [payments-*, payments]
  - name: weekly-all
    schedule: Mon 09:00 UTC
    teams: ["*"]
)yaml";

v1::Signal Page(const std::string& id, const std::string& team) {
  v1::Signal signal;
  signal.set_id(id);
  signal.set_team(team);
  signal.set_source("pagerduty");
  signal.mutable_occurred_at()->set_seconds(1'795'144'320);
  signal.mutable_page()->set_title("db down");
  signal.mutable_page()->set_urgency(v1::URGENCY_HIGH);
  return signal;
}

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    pki_ = new testing::TestPki();
    ASSERT_NO_FATAL_FAILURE(testing::MakeTestPki(dir_->path(), *pki_));
    daemon_ = new testing::Daemon(
        dir_->path(), absl::StrCat(testing::TlsSection(*pki_), AuthSection(),
                                   "audit_log: ", AuditPath().string(), "\n",
                                   kTeamsAndReports));
    ASSERT_NO_FATAL_FAILURE(daemon_->Start());
  }
  static void TearDownTestSuite() {
    delete daemon_;
    delete pki_;
    delete dir_;
  }

  static std::filesystem::path AuditPath() {
    return dir_->path() / "audit/audit.jsonl";
  }

  // A TLS channel verifying the daemon by the test CA, sending `token`.
  static std::shared_ptr<grpc::Channel> Channel(const std::string& token) {
    std::shared_ptr<grpc::ChannelCredentials> credentials =
        grpc::SslCredentials({.pem_root_certs = pki_->ca_pem()});
    if (!token.empty()) {
      credentials = grpc::CompositeChannelCredentials(
          credentials, grpc::AccessTokenCredentials(token));
    }
    return grpc::CreateChannel(daemon_->address(), credentials);
  }

  static void Deadline(grpc::ClientContext& context) {
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  }

  static testing::TempDir* dir_;
  static testing::TestPki* pki_;
  static testing::Daemon* daemon_;
};

testing::TempDir* SecurityTest::dir_ = nullptr;
testing::TestPki* SecurityTest::pki_ = nullptr;
testing::Daemon* SecurityTest::daemon_ = nullptr;

// One RPC made by one caller: its status.
using Call = std::function<grpc::Status(grpc::Channel&)>;

template <typename Request, typename Response, typename Stub>
grpc::Status Unary(grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                const Request&, Response*),
                   std::unique_ptr<Stub> stub, const Request& request) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  Response response;
  return ((*stub).*method)(&context, request, &response);
}

v1::GetTeamRequest TeamNamed(const std::string& name) {
  v1::GetTeamRequest request;
  request.set_name(name);
  return request;
}
v1::GetNarrativeRequest NarrativeOf(const std::string& team) {
  v1::GetNarrativeRequest request;
  request.set_team(team);
  return request;
}
v1::RenderReportRequest ReportNamed(const std::string& name) {
  v1::RenderReportRequest request;
  request.set_name(name);
  return request;
}

// `channel` for a stub, owned by the caller.
std::shared_ptr<grpc::Channel> Borrow(grpc::Channel& channel) {
  return std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {});
}

// WatchNarratives of `teams`: OK once the first story arrives.
grpc::Status Watch(grpc::Channel& channel, std::vector<std::string> teams) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::WatchNarrativesRequest request;
  for (const std::string& team : teams) request.add_teams(team);
  auto stub = v1::NarrativeService::NewStub(Borrow(channel));
  auto reader = stub->WatchNarratives(&context, request);
  v1::Narrative story;
  if (reader->Read(&story)) {
    context.TryCancel();
    return grpc::Status::OK;
  }
  return reader->Finish();
}

struct Row {
  const char* rpc;
  Call call;
  std::vector<Code> expected;  // by Caller
};

std::vector<Row> Table() {
  v1::IngestRequest payments_page;
  *payments_page.add_signals() = Page("pd:table", "payments");
  return {
      {"Ingest",
       [=](grpc::Channel& c) {
         return Unary(&v1::IngestService::Stub::Ingest,
                      v1::IngestService::NewStub(Borrow(c)), payments_page);
       },
       {UNAUTH, UNAUTH, OK, OK, DENIED, DENIED, OK, DENIED}},
      {"ListTeams",
       [](grpc::Channel& c) {
         return Unary(&v1::TeamService::Stub::ListTeams,
                      v1::TeamService::NewStub(Borrow(c)),
                      v1::ListTeamsRequest());
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, OK, OK, OK, DENIED}},
      {"GetTeam payments",
       [](grpc::Channel& c) {
         return Unary(&v1::TeamService::Stub::GetTeam,
                      v1::TeamService::NewStub(Borrow(c)),
                      TeamNamed("payments"));
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, OK, OK, OK, DENIED}},
      {"GetTeam search",
       [](grpc::Channel& c) {
         return Unary(&v1::TeamService::Stub::GetTeam,
                      v1::TeamService::NewStub(Borrow(c)), TeamNamed("search"));
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, DENIED, OK, OK, DENIED}},
      {"GetNarrative payments-api",
       [](grpc::Channel& c) {
         return Unary(&v1::NarrativeService::Stub::GetNarrative,
                      v1::NarrativeService::NewStub(Borrow(c)),
                      NarrativeOf("payments-api"));
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, OK, OK, OK, DENIED}},
      {"GetNarrative search",
       [](grpc::Channel& c) {
         return Unary(&v1::NarrativeService::Stub::GetNarrative,
                      v1::NarrativeService::NewStub(Borrow(c)),
                      NarrativeOf("search"));
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, DENIED, OK, OK, DENIED}},
      {"ListNarratives",
       [](grpc::Channel& c) {
         return Unary(&v1::NarrativeService::Stub::ListNarratives,
                      v1::NarrativeService::NewStub(Borrow(c)),
                      v1::ListNarrativesRequest());
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, OK, OK, OK, DENIED}},
      {"ListThemes",
       [](grpc::Channel& c) {
         return Unary(&v1::NarrativeService::Stub::ListThemes,
                      v1::NarrativeService::NewStub(Borrow(c)),
                      v1::ListThemesRequest());
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, OK, OK, OK, DENIED}},
      {"WatchNarratives payments",
       [](grpc::Channel& c) { return Watch(c, {"payments"}); },
       {UNAUTH, UNAUTH, DENIED, DENIED, OK, OK, OK, DENIED}},
      {"WatchNarratives search",
       [](grpc::Channel& c) { return Watch(c, {"search"}); },
       {UNAUTH, UNAUTH, DENIED, DENIED, DENIED, OK, OK, DENIED}},
      {"RenderReport weekly-payments",
       [](grpc::Channel& c) {
         return Unary(&v1::ReportService::Stub::RenderReport,
                      v1::ReportService::NewStub(Borrow(c)),
                      ReportNamed("weekly-payments"));
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, OK, OK, OK, DENIED}},
      {"RenderReport weekly-all",
       [](grpc::Channel& c) {
         return Unary(&v1::ReportService::Stub::RenderReport,
                      v1::ReportService::NewStub(Borrow(c)),
                      ReportNamed("weekly-all"));
       },
       {UNAUTH, UNAUTH, DENIED, DENIED, DENIED, OK, OK, DENIED}},
      {"Reflection ListServices",
       [](grpc::Channel& c) {
         grpc::ClientContext context;
         context.set_deadline(
             absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
         auto stream =
             grpc::reflection::v1alpha::ServerReflection::NewStub(Borrow(c))
                 ->ServerReflectionInfo(&context);
         grpc::reflection::v1alpha::ServerReflectionRequest request;
         request.set_list_services("");
         stream->Write(request);
         stream->WritesDone();
         grpc::reflection::v1alpha::ServerReflectionResponse response;
         while (stream->Read(&response)) {
         }
         return stream->Finish();
       },
       {UNAUTH, UNAUTH, OK, OK, OK, OK, OK, OK}},
      {"Health Check",
       [](grpc::Channel& c) {
         grpc::ClientContext context;
         context.set_deadline(
             absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
         grpc::health::v1::HealthCheckResponse response;
         return grpc::health::v1::Health::NewStub(Borrow(c))->Check(
             &context, {}, &response);
       },
       {OK, OK, OK, OK, OK, OK, OK, OK}},
  };
}

TEST_F(SecurityTest, EveryRoleScopeAndRpc) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int caller = 0; caller < kCallers; ++caller) {
    channels.push_back(Channel(kTokens[caller]));
  }
  for (const Row& row : Table()) {
    ASSERT_EQ(row.expected.size(), kCallers) << row.rpc;
    for (int caller = 0; caller < kCallers; ++caller) {
      const grpc::Status status = row.call(*channels[caller]);
      EXPECT_EQ(status.error_code(), row.expected[caller])
          << row.rpc << " by " << kCallerNames[caller] << ": "
          << status.error_message();
    }
  }
}

TEST_F(SecurityTest, AHiddenTeamAndAMissingOneAnswerAlike) {
  auto teams = v1::TeamService::NewStub(Channel(kTokens[kReaderPayments]));
  auto narratives =
      v1::NarrativeService::NewStub(Channel(kTokens[kReaderPayments]));
  std::map<std::string, std::string> messages;  // by what was asked
  for (const std::string team : {"search", "ghost"}) {
    grpc::ClientContext team_context, narrative_context;
    Deadline(team_context);
    Deadline(narrative_context);
    v1::Team team_response;
    const grpc::Status team_status =
        teams->GetTeam(&team_context, TeamNamed(team), &team_response);
    v1::Narrative story;
    const grpc::Status narrative_status =
        narratives->GetNarrative(&narrative_context, NarrativeOf(team), &story);
    EXPECT_EQ(team_status.error_code(), DENIED) << team;
    EXPECT_EQ(narrative_status.error_code(), DENIED) << team;
    EXPECT_EQ(team_status.error_message(),
              absl::StrCat("team \"", team,
                           "\" is not in the scope of token "
                           "\"reader-payments\" (teams: payments, "
                           "payments-*)"));
    EXPECT_EQ(narrative_status.error_message(), team_status.error_message());
  }
}

TEST_F(SecurityTest, ScopeHidesTeamsInEveryList) {
  auto channel = Channel(kTokens[kReaderPayments]);
  grpc::ClientContext teams_context, narratives_context;
  Deadline(teams_context);
  Deadline(narratives_context);
  v1::ListTeamsResponse teams;
  ASSERT_TRUE(v1::TeamService::NewStub(channel)
                  ->ListTeams(&teams_context, {}, &teams)
                  .ok());
  std::vector<std::string> names;
  for (const v1::Team& team : teams.teams()) names.push_back(team.name());
  EXPECT_THAT(names, ElementsAre("payments", "payments-api"));

  v1::ListNarrativesResponse stories;
  ASSERT_TRUE(v1::NarrativeService::NewStub(channel)
                  ->ListNarratives(&narratives_context, {}, &stories)
                  .ok());
  names.clear();
  for (const v1::Narrative& story : stories.narratives()) {
    names.push_back(story.team());
  }
  EXPECT_THAT(names, ElementsAre("payments", "payments-api"));
}

TEST_F(SecurityTest, AScopedCollectorIsRejectedOutsideItsTeamsOneByOne) {
  auto ingest = v1::IngestService::NewStub(Channel(kTokens[kCollectorAll]));
  {
    // search owns pd:s-1.
    v1::IngestRequest request;
    *request.add_signals() = Page("pd:s-1", "search");
    grpc::ClientContext context;
    Deadline(context);
    v1::IngestResponse response;
    ASSERT_TRUE(ingest->Ingest(&context, request, &response).ok());
    ASSERT_THAT(testing::Outcomes(response), ElementsAre(v1::OUTCOME_ACCEPTED));
  }
  auto scoped =
      v1::IngestService::NewStub(Channel(kTokens[kCollectorPayments]));
  v1::IngestRequest request;
  *request.add_signals() = Page("pd:pay-1", "payments");
  *request.add_signals() = Page("pd:s-2", "search");
  // search's own id, claimed for payments: never moves search's page.
  *request.add_signals() = Page("pd:s-1", "payments");
  v1::Coverage* coverage = request.add_coverage();
  coverage->set_team("search");
  coverage->set_source("pagerduty");
  coverage->mutable_covered_through()->set_seconds(1'795'144'320);
  grpc::ClientContext context;
  Deadline(context);
  v1::IngestResponse response;
  ASSERT_TRUE(scoped->Ingest(&context, request, &response).ok());
  EXPECT_THAT(testing::Outcomes(response),
              ElementsAre(v1::OUTCOME_ACCEPTED, v1::OUTCOME_REJECTED,
                          v1::OUTCOME_REJECTED));
  EXPECT_EQ(response.results(1).error(),
            "team: team \"search\" is not in the scope of token "
            "\"collector-payments\" (teams: payments)");
  EXPECT_THAT(response.results(2).error(),
              HasSubstr("already belongs to another team"));
  EXPECT_THAT(response.results(2).error(), ::testing::Not(HasSubstr("search")));
  ASSERT_EQ(response.coverage_results_size(), 1);
  EXPECT_EQ(response.coverage_results(0).outcome(), v1::OUTCOME_REJECTED);
  EXPECT_THAT(response.coverage_results(0).error(),
              HasSubstr("not in the scope of token \"collector-payments\""));
}

TEST_F(SecurityTest, TheAuditLogSaysWhoReadWhichTeamsNeverWhat) {
  const std::size_t before = testing::ReadFile(AuditPath()).size();
  auto channel = Channel(kTokens[kReaderPayments]);
  grpc::ClientContext list_context, denied_context;
  Deadline(list_context);
  Deadline(denied_context);
  v1::ListNarrativesResponse stories;
  ASSERT_TRUE(v1::NarrativeService::NewStub(channel)
                  ->ListNarratives(&list_context, {}, &stories)
                  .ok());
  v1::Team team;
  ASSERT_EQ(v1::TeamService::NewStub(channel)
                ->GetTeam(&denied_context, TeamNamed("search"), &team)
                .error_code(),
            DENIED);
  std::string audit = testing::ReadFile(AuditPath()).substr(before);
  ASSERT_EQ(std::count(audit.begin(), audit.end(), '\n'), 1) << audit;
  EXPECT_THAT(audit, HasSubstr("\"token\":\"reader-payments\""));
  EXPECT_THAT(audit, HasSubstr("\"rpc\":\"ListNarratives\""));
  EXPECT_THAT(audit, HasSubstr("\"teams\":[\"payments\",\"payments-api\"]"));
  EXPECT_THAT(audit, HasSubstr("\"peer\":\"ipv4:127.0.0.1:"));
  EXPECT_THAT(audit, ::testing::Not(HasSubstr(kTokens[kReaderPayments])));
  EXPECT_THAT(audit, ::testing::Not(HasSubstr("headline")));

  // logrotate: move the file away, SIGHUP, and the next line starts anew.
  std::filesystem::rename(AuditPath(), dir_->path() / "audit/audit.jsonl.1");
  ASSERT_EQ(kill(daemon_->pid(), SIGHUP), 0);
  ASSERT_TRUE(testing::WaitFor([] {
    return daemon_->Log().find("SIGHUP: reopened the audit log") !=
           std::string::npos;
  })) << daemon_->Log();
  grpc::ClientContext teams_context;
  Deadline(teams_context);
  v1::ListTeamsResponse teams;
  ASSERT_TRUE(v1::TeamService::NewStub(channel)
                  ->ListTeams(&teams_context, {}, &teams)
                  .ok());
  audit = testing::ReadFile(AuditPath());
  EXPECT_EQ(std::count(audit.begin(), audit.end(), '\n'), 1) << audit;
  EXPECT_THAT(audit, HasSubstr("\"rpc\":\"ListTeams\""));
}

TEST_F(SecurityTest, CollectorsSendWithTheirOwnTokenOverTls) {
  const std::filesystem::path mapping = dir_->path() / "mapping.yaml";
  std::ofstream(mapping)
      << "teams:\n  payments:\n    pagerduty: {escalation_policies: "
         "[PY82TC6]}\n";
  const auto collect = [&](const std::string& token) {
    return testing::Run(
        {"/usr/bin/env", "TEAMLOAD_TOKEN=" + token, TEAMLOAD_PAGERDUTY_PATH,
         "--mapping", mapping.string(), "--addr", daemon_->address(),
         "--tls-ca", pki_->ca_cert.string(), TEAMLOAD_FIXTURES "/pagerduty"});
  };
  const testing::ProcessResult sent = collect(kTokens[kCollectorPayments]);
  EXPECT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_THAT(sent.err, HasSubstr("(signals: 2 accepted"));
  EXPECT_THAT(sent.err, HasSubstr("coverage: 1 accepted, 0 rejected"));

  const testing::ProcessResult refused = collect(kTokens[kReaderPayments]);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err,
              HasSubstr("token \"reader-payments\" has role reader, which "
                        "may not call IngestStream (it needs collector or "
                        "admin)"));
}

TEST_F(SecurityTest, PlaintextIsNotServed) {
  auto teams = v1::TeamService::NewStub(grpc::CreateChannel(
      daemon_->address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(3)));
  v1::ListTeamsResponse response;
  EXPECT_EQ(teams->ListTeams(&context, {}, &response).error_code(),
            Code::UNAVAILABLE);
}

TEST_F(SecurityTest, FailuresAreLoggedWithThePeerNeverTheToken) {
  auto teams = v1::TeamService::NewStub(Channel("tl_secret_guess"));
  grpc::ClientContext context;
  Deadline(context);
  v1::ListTeamsResponse response;
  ASSERT_EQ(teams->ListTeams(&context, {}, &response).error_code(), UNAUTH);
  EXPECT_TRUE(testing::WaitFor([&] {
    return daemon_->Log().find(
               "auth: refused a token teamloadd does not "
               "know from ipv4:127.0.0.1:") != std::string::npos;
  })) << daemon_->Log();
  EXPECT_THAT(daemon_->Log(), ::testing::Not(HasSubstr("tl_secret_guess")));
}

TEST_F(SecurityTest, TeamloadctlTakesTheTokenFromTheEnvironmentAndTheCa) {
  const testing::ProcessResult result = testing::RunTeamloadctl(
      daemon_->address(), *pki_, "tl_reader_pay", {"teams"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("payments-api"));
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("search")));

  const testing::ProcessResult without =
      testing::Run({"/usr/bin/env", "-u", "TEAMLOAD_TOKEN",
                    testing::TeamloadctlPath(), "--addr", daemon_->address(),
                    "--tls-ca", pki_->ca_cert.string(), "teams"});
  EXPECT_EQ(without.exit_code, 2);
  EXPECT_THAT(without.err, HasSubstr("this call needs a token"));
  EXPECT_THAT(without.err, HasSubstr("TEAMLOAD_TOKEN"));
}

// A daemon asking for client certificates, and a token made by
// `teamloadctl token new` and pasted into its config.
TEST(ClientCertificateTest, TokenNewAndClientCertificatesGoEndToEnd) {
  testing::TempDir dir;
  testing::TestPki pki;
  ASSERT_NO_FATAL_FAILURE(testing::MakeTestPki(dir.path(), pki));
  const testing::ProcessResult made =
      testing::Run({testing::TeamloadctlPath(), "token", "new", "--role",
                    "reader", "--teams", "payments", "--name", "lead"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string token = made.out.substr(0, made.out.find('\n'));
  ASSERT_EQ(token.rfind("tl_", 0), 0u) << made.out;
  const std::size_t line = made.out.find("- {name: \"lead\"");
  ASSERT_NE(line, std::string::npos) << made.out;
  const std::string entry =
      made.out.substr(line, made.out.find('\n', line) - line);
  EXPECT_THAT(entry, HasSubstr("role: reader, teams: [\"payments\"]}"));
  EXPECT_THAT(entry, ::testing::Not(HasSubstr(token)));

  testing::Daemon daemon(
      dir.path(), absl::StrCat(testing::TlsSection(pki, /*client_ca=*/true),
                               "auth:\n  tokens:\n    ", entry,
                               "\nteams:\n  - name: payments\n"));
  ASSERT_NO_FATAL_FAILURE(daemon.Start());
  const std::vector<std::string> ctl = {"/usr/bin/env",
                                        absl::StrCat("TEAMLOAD_TOKEN=", token),
                                        testing::TeamloadctlPath(),
                                        "--addr",
                                        daemon.address(),
                                        "--tls-ca",
                                        pki.ca_cert.string()};
  std::vector<std::string> no_cert = ctl;
  no_cert.push_back("teams");
  const testing::ProcessResult refused = testing::Run(no_cert);
  EXPECT_EQ(refused.exit_code, 2) << refused.out;

  std::vector<std::string> with_cert = ctl;
  for (const std::string& arg :
       {std::string("--tls-cert"), pki.client_cert.string(),
        std::string("--tls-key"), pki.client_key.string(),
        std::string("teams")}) {
    with_cert.push_back(arg);
  }
  const testing::ProcessResult served = testing::Run(with_cert);
  EXPECT_EQ(served.exit_code, 0) << served.err;
  EXPECT_THAT(served.out, HasSubstr("payments"));
}

}  // namespace
}  // namespace teamload
