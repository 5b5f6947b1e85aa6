// teamload-pagerduty: reads PagerDuty webhook v3 events and REST v2
// `GET /incidents` pages from files, and sends one page signal per incident,
// plus coverage heartbeats for every mapped team, to teamloadd.
#include <map>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/pagerduty/parser.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  CLI::App app{
      "teamload-pagerduty: PagerDuty incidents to teamload page signals.\n\n"
      "Reads webhook v3 events ({\"event\": ...}, one per file) and REST v2 "
      "GET /incidents "
      "pages ({\"incidents\": [...]}) from files or folders of .json files. "
      "Every state of "
      "an incident is one signal, pagerduty:<incident id>, so triggered, "
      "acknowledged and "
      "resolved events are revisions, not new pages. The mapping's pagerduty "
      "section says "
      "which PagerDuty teams, escalation policies and services belong to which "
      "team."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  app.footer(
      "\nExamples:\n  teamload-pagerduty --mapping teams.yaml "
      "exports/pagerduty/\n"
      "  teamload-pagerduty --mapping teams.yaml --dry-run event.json\n");
  CLI11_PARSE(app, argc, argv);

  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-pagerduty: %s\n",
                  mapping.status().message());
    return 2;
  }

  collectors::pagerduty::Parser parser;
  std::map<std::string, collectors::pagerduty::Incident>
      incidents;  // by id: stable output
  collectors::Collected collected;
  collectors::ReadFiles(
      collectors::ExpandInputs(flags.inputs, ".json"),
      [&](const std::string& text, const std::string& file) {
        collectors::pagerduty::ParseResult parsed = parser.Parse(text, file);
        collected.records += static_cast<int64_t>(parsed.incidents.size());
        for (auto& incident : parsed.incidents) {
          collected.newest = std::max(collected.newest, incident.last_event_at);
          auto [it, inserted] = incidents.try_emplace(incident.id, incident);
          if (!inserted) it->second.Merge(incident);
        }
        return parsed.errors;
      },
      collected);
  for (const auto& [id, incident] : incidents) {
    std::string why;
    if (auto signal =
            collectors::pagerduty::ToSignal(incident, *mapping, &why)) {
      collected.signals.push_back(std::move(*signal));
    } else {
      absl::FPrintF(stderr, "unmapped: %s belongs to no team in %s\n", why,
                    flags.mapping_path);
      ++collected.unmapped;
    }
  }
  collected.coverage_teams = mapping->TeamsOf("pagerduty");
  return collectors::Deliver("teamload-pagerduty", "pagerduty", flags,
                             collected);
}
