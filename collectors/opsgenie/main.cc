// teamload-opsgenie: reads Opsgenie alert webhooks and alert list exports
// from files, and sends one page signal per alert, plus coverage heartbeats
// for every mapped team, to teamloadd.
#include <map>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/opsgenie/alert.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  CLI::App app{
      "teamload-opsgenie: Opsgenie alerts to teamload page signals.\n\n"
      "Reads alert webhooks ({\"action\": ..., \"alert\": {...}}, one per "
      "file) and alert "
      "list exports ({\"data\": [...]}) from files or folders of .json files. "
      "Every action "
      "on an alert (Create, Acknowledge, Close) revises one signal, "
      "opsgenie:<alertId>. "
      "Priorities P1 and P2 are high urgency. The mapping's opsgenie section "
      "maps Opsgenie "
      "teams, tags or integrations to teams."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  app.footer(
      "\nExample:\n  teamload-opsgenie --mapping teams.yaml "
      "exports/opsgenie/\n");
  if (auto exit_code = collectors::ParseCommandLine(app, argc, argv))
    return *exit_code;

  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-opsgenie: %s\n",
                  mapping.status().message());
    return 2;
  }
  collectors::opsgenie::Parser parser;
  std::map<std::string, collectors::opsgenie::Alert>
      alerts;  // by id: stable output
  collectors::Collected collected;
  collectors::ReadFiles(
      collectors::ExpandInputs(flags.inputs, ".json"),
      [&](const std::string& text, const std::string& file) {
        collectors::opsgenie::ParseResult parsed = parser.Parse(text, file);
        collected.records += static_cast<int64_t>(parsed.alerts.size());
        for (auto& alert : parsed.alerts) {
          collected.newest = std::max(collected.newest, alert.last_event_at);
          auto [it, inserted] = alerts.try_emplace(alert.id, alert);
          if (!inserted) it->second.Merge(alert);
        }
        return parsed.errors;
      },
      collected);
  for (const auto& [id, alert] : alerts) {
    std::string why;
    std::optional<teamload::v1::Signal> signal =
        collectors::opsgenie::ToSignal(alert, *mapping, &why);
    collectors::KeepMapped(std::move(signal), why, flags, collected);
  }
  return collectors::Deliver("teamload-opsgenie", "opsgenie", flags, *mapping,
                             collected);
}
