#include "collectors/fuzz/entries.h"

#include <string>

#include "collectors/jira/issue.h"
#include "collectors/oops/signals.h"
#include "collectors/oops/slack_export.h"
#include "collectors/oops/writeup.h"
#include "collectors/opsgenie/alert.h"
#include "collectors/pagerduty/parser.h"

namespace teamload::collectors::fuzz {
namespace {

// Maps everything the inputs could name to one team, so ToSignal runs too.
const TeamMapping& Mapping() {
  static const TeamMapping* mapping = new TeamMapping(*TeamMapping::Parse(
      "teams:\n  t:\n"
      "    pagerduty: {services: [P, PA2P440], "
      "escalation_policies: [PY82TC6], teams: [PT]}\n"
      "    opsgenie: {tags: [vip], integrations: [Webhook, "
      "Integration1], teams: [ops]}\n"
      "    jira: {projects: [SP, K, PAY]}\n"
      "    oops: {teams: [t, payments], channels: [oops]}\n",
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

}  // namespace teamload::collectors::fuzz
