// teamload-opsgenie: reads Opsgenie alert webhooks and alert list exports
// from files, and sends one page signal per alert, plus coverage heartbeats
// for every mapped team, to teamloadd.
#include <map>

#include "collectors/common/run_collector.h"
#include "collectors/opsgenie/alert.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  namespace opsgenie = teamload::collectors::opsgenie;
  opsgenie::Parser parser;
  std::map<std::string, opsgenie::Alert> alerts;  // by id: stable output
  return collectors::RunCollector(
      {
          .source = "opsgenie",
          .description =
              "Opsgenie alerts to teamload page signals.\n\n"
              "Reads alert webhooks ({\"action\": ..., \"alert\": {...}}, one "
              "per file) and alert list exports ({\"data\": [...]}) from "
              "files or folders of .json files. Every action on an alert "
              "(Create, Acknowledge, Close) revises one signal, "
              "opsgenie:<alertId>. Priorities P1 and P2 are high urgency. The "
              "mapping's opsgenie section maps Opsgenie teams, tags or "
              "integrations to teams.",
          .examples = "  teamload-opsgenie --mapping teams.yaml "
                      "exports/opsgenie/\n",
          .read =
              [&](const std::string& text, const std::string& file,
                  collectors::Collected& collected) {
                opsgenie::ParseResult parsed = parser.Parse(text, file);
                collected.records += static_cast<int64_t>(parsed.alerts.size());
                for (auto& alert : parsed.alerts) {
                  collected.newest =
                      std::max(collected.newest, alert.last_event_at);
                  auto [it, inserted] = alerts.try_emplace(alert.id, alert);
                  if (!inserted) it->second.Merge(alert);
                }
                return parsed.errors;
              },
          .emit = collectors::EmitEach(alerts, opsgenie::ToSignal),
      },
      argc, argv);
}
