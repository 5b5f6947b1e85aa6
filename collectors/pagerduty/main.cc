// teamload-pagerduty: reads PagerDuty webhook v3 events, REST v2
// `GET /incidents` pages and Analytics raw incidents from files, or fetches
// the incidents live from the REST API (--api-url), and sends one page
// signal per incident, plus coverage heartbeats for every mapped team, to
// teamloadd.
#include <map>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "collectors/common/api_source.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/common/timestamps.h"
#include "collectors/pagerduty/live.h"
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
      "resolved events are revisions, not new pages. Analytics raw incidents "
      "(POST /analytics/raw/incidents responses, or plain arrays of rows) "
      "revise the same signals. With --api-url it fetches GET /incidents "
      "pages instead, following offset and more, with the token from the "
      "variable --token-env names. The mapping's pagerduty "
      "section says "
      "which PagerDuty teams, escalation policies and services belong to which "
      "team."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  collectors::ApiFlags api;
  collectors::AddApiFlags(app, api, "PAGERDUTY_TOKEN", "token");
  collectors::pagerduty::IncidentsQuery query;
  app.add_option("--since", query.since,
                 "Live: incidents from this moment (RFC 3339)");
  app.add_option("--until", query.until,
                 "Live: incidents until this moment (RFC 3339); coverage is "
                 "reported through it (default: through the fetch)");
  app.add_option("--page-size", query.limit, "Live: incidents per page")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  std::string zone_name = "UTC";
  app.add_option("--time-zone", zone_name,
                 "The zone of Analytics timestamps written without one, when "
                 "the file does not say (IANA name)")
      ->capture_default_str();
  app.footer(
      "\nExamples:\n  teamload-pagerduty --mapping teams.yaml "
      "exports/pagerduty/\n"
      "  teamload-pagerduty --mapping teams.yaml --dry-run event.json\n"
      "  PAGERDUTY_TOKEN=... teamload-pagerduty --mapping teams.yaml "
      "--api-url https://api.pagerduty.com --since 2026-11-01T00:00:00Z\n");
  if (auto exit_code = collectors::ParseCommandLine(app, argc, argv))
    return *exit_code;
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(zone_name, &zone)) {
    absl::FPrintF(stderr,
                  "teamload-pagerduty: --time-zone: \"%s\" is not a "
                  "known time zone\n",
                  zone_name);
    return 2;
  }

  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-pagerduty: %s\n",
                  mapping.status().message());
    return 2;
  }

  collectors::pagerduty::Parser parser(zone);
  std::map<std::string, collectors::pagerduty::Incident>
      incidents;  // by id: stable output
  collectors::Collected collected;
  const auto read = [&](const std::string& text, const std::string& file) {
    collectors::pagerduty::ParseResult parsed = parser.Parse(text, file);
    collected.records += static_cast<int64_t>(parsed.incidents.size());
    for (auto& incident : parsed.incidents) {
      collected.newest = std::max(collected.newest, incident.last_event_at);
      auto [it, inserted] = incidents.try_emplace(incident.id, incident);
      if (!inserted) it->second.Merge(incident);
    }
    return parsed.errors;
  };
  bool complete = true;
  if (api.url.empty()) {
    collectors::ReadFiles(collectors::ExpandInputs(flags.inputs, ".json"), read,
                          collected);
  } else {
    absl::Time through = absl::Now();
    if (!query.until.empty()) {
      absl::StatusOr<absl::Time> until =
          collectors::ParseTimestamp(query.until);
      if (!until.ok()) {
        absl::FPrintF(stderr, "teamload-pagerduty: --until: %s\n",
                      until.status().message());
        return 2;
      }
      through = std::min(through, *until);
    }
    auto client = collectors::NewApiClient(
        "teamload-pagerduty", api, collectors::pagerduty::RestHeaders());
    if (!client.ok()) {
      absl::FPrintF(stderr, "teamload-pagerduty: %s\n",
                    client.status().message());
      return 2;
    }
    complete = collectors::ReadApiPages(
        "teamload-pagerduty",
        [&](collectors::PageSink sink) {
          return collectors::pagerduty::FetchIncidents(**client, api.url, query,
                                                       sink);
        },
        read, through, collected);
  }
  for (const auto& [id, incident] : incidents) {
    std::string why;
    std::optional<teamload::v1::Signal> signal =
        collectors::pagerduty::ToSignal(incident, *mapping, &why);
    collectors::KeepMapped(std::move(signal), why, flags, collected);
  }
  return collectors::Deliver("teamload-pagerduty", "pagerduty", flags, *mapping,
                             collected, complete);
}
