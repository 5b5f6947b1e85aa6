#include "collectors/fuzz/entries.h"

#include <string>

#include "collectors/github/issue_history.h"
#include "collectors/github/parser.h"
#include "collectors/jira/issue.h"
#include "collectors/opsgenie/alert.h"
#include "collectors/pagerduty/parser.h"

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
