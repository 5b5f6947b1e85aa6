#include "collectors/fuzz/entries.h"

#include <string>

#include "collectors/github/issue_history.h"
#include "collectors/github/parser.h"
#include "collectors/jira/csv_export.h"
#include "collectors/jira/issue.h"
#include "collectors/oops/signals.h"
#include "collectors/oops/slack_export.h"
#include "collectors/oops/writeup.h"
#include "collectors/opsgenie/alert.h"
#include "collectors/pagerduty/parser.h"
#include "collectors/survey/survey_csv.h"

namespace teamload::collectors::fuzz {
namespace {

// Maps everything the inputs could name to one team, so ToSignal runs too.
const TeamMapping& Mapping() {
  static const TeamMapping* mapping = new TeamMapping(
      *TeamMapping::Parse("teams:\n  t:\n"
                          "    pagerduty: {services: [P, PA2P440], "
                          "escalation_policies: [PY82TC6], teams: [PT]}\n"
                          "    opsgenie: {tags: [vip], integrations: [Webhook, "
                          "Integration1], teams: [ops]}\n"
                          "    jira: {projects: [SP, K, PAY]}\n"
                          "    oops: {teams: [t, payments], channels: [oops]}\n"
                          "    survey: {teams: [Payments]}\n"
                          "    github: {repositories: [acme/payments], labels: "
                          "[team-search]}\n",
                          "fuzz"));
  return *mapping;
}

absl::string_view Bytes(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace

void PagerDuty(const uint8_t* data, size_t size) {
  static pagerduty::Parser parser;
  std::string unmapped;
  for (const auto& incident :
       parser.Parse(Bytes(data, size), "fuzz").incidents) {
    (void)pagerduty::ToSignal(incident, Mapping(), &unmapped);
  }
}

void Opsgenie(const uint8_t* data, size_t size) {
  static opsgenie::Parser parser;
  std::string unmapped;
  for (const auto& alert : parser.Parse(Bytes(data, size), "fuzz").alerts) {
    (void)opsgenie::ToSignal(alert, Mapping(), &unmapped);
  }
}

void Jira(const uint8_t* data, size_t size) {
  static jira::Parser parser;
  std::string unmapped;
  for (const auto& issue : parser.Parse(Bytes(data, size), "fuzz").issues) {
    (void)jira::ToSignal(issue, Mapping(), &unmapped);
  }
}

void Oops(const uint8_t* data, size_t size) {
  static oops::SlackParser parser;
  std::vector<oops::WriteUp> writeups(1);
  if (oops::ParseWriteUp(Bytes(data, size), "fuzz", absl::UTCTimeZone(),
                         writeups[0])) {
    writeups.clear();
  }
  const oops::DayResult day =
      parser.ParseDay(Bytes(data, size), "oops", "fuzz");
  const oops::ChannelsResult channels =
      parser.ParseChannels(Bytes(data, size), "fuzz");
  (void)oops::BuildSignals(day.mentions, writeups, channels.channels, Mapping(),
                           absl::Hours(24 * 14),
                           absl::FromUnixSeconds(1'800'000'000));
}

void PagerDutyAnalytics(const uint8_t* data, size_t size) {
  static pagerduty::Parser* parser = [] {
    absl::TimeZone zone;
    (void)absl::LoadTimeZone("America/New_York", &zone);
    return new pagerduty::Parser(zone);
  }();
  std::string unmapped;
  for (const auto& incident :
       parser->Parse(Bytes(data, size), "fuzz").incidents) {
    (void)pagerduty::ToSignal(incident, Mapping(), &unmapped);
  }
}

void JiraCsv(const uint8_t* data, size_t size) {
  std::string unmapped;
  for (const auto& issue :
       jira::ParseCsvExport(Bytes(data, size), "fuzz", {}).issues) {
    (void)jira::ToSignal(issue, Mapping(), &unmapped);
  }
}

// The column names of the survey corpus (tests/fuzz_corpus/survey/).
void Survey(const uint8_t* data, size_t size) {
  static const survey::RespondentHasher hasher("fuzz-salt-0123456789");
  static const survey::SurveyColumns* columns =
      new survey::SurveyColumns{.team = "Team",
                                .respondent = "Email Address",
                                .submitted = "Timestamp",
                                .likert = {"Workload"},
                                .text = {"Comments"},
                                .submitted_format = "%m/%d/%Y %H:%M:%S"};
  std::string unmapped;
  for (const auto& response :
       survey::ParseSurvey(Bytes(data, size), "fuzz", *columns, hasher)
           .responses) {
    (void)survey::ToSignals(response, "fuzz", Mapping(), &unmapped);
  }
}

void Github(const uint8_t* data, size_t size) {
  static github::Parser parser;
  // Named like a per-issue events list, so events without "issue" are read.
  github::ParseResult parsed = parser.Parse(
      Bytes(data, size), "fuzz/acme/payments/issues/1/events.json");
  github::IssueHistory history({"deferred"});
  history.Add(parsed);
  std::string unmapped;
  for (const auto& issue : history.Issues()) {
    (void)github::ToSignal(issue, Mapping(), &unmapped);
  }
}

}  // namespace teamload::collectors::fuzz
