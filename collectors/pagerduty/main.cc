// teamload-pagerduty: reads PagerDuty webhook v3 events, REST v2
// `GET /incidents` pages and Analytics raw incidents from files, or fetches
// the incidents live from the REST API (--api-url), and sends one page
// signal per incident, plus coverage heartbeats for every mapped team, to
// teamloadd.
#include <map>
#include <memory>

#include "absl/strings/str_format.h"
#include "collectors/common/api_source.h"
#include "collectors/common/run_collector.h"
#include "collectors/common/timestamps.h"
#include "collectors/pagerduty/live.h"
#include "collectors/pagerduty/parser.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  namespace pagerduty = teamload::collectors::pagerduty;
  pagerduty::IncidentsQuery query;
  absl::Time until = absl::InfiniteFuture();
  std::string zone_name = "UTC";
  std::unique_ptr<pagerduty::Parser> parser;  // once --time-zone is known
  std::map<std::string, pagerduty::Incident> incidents;  // by id: stable output
  return collectors::RunCollector(
      {
          .source = "pagerduty",
          .description =
              "PagerDuty incidents to teamload page signals.\n\n"
              "Reads webhook v3 events ({\"event\": ...}, one per file) and "
              "REST v2 GET /incidents pages ({\"incidents\": [...]}) from "
              "files or folders of .json files. Every state of an incident is "
              "one signal, pagerduty:<incident id>, so triggered, "
              "acknowledged and resolved events are revisions, not new pages. "
              "Analytics raw incidents (POST /analytics/raw/incidents "
              "responses, or plain arrays of rows) revise the same signals. "
              "With --api-url it fetches GET /incidents pages instead, "
              "following offset and more, with the token from the variable "
              "--api-token-env names. The mapping's pagerduty section says which "
              "PagerDuty teams, escalation policies and services belong to "
              "which team.",
          .examples =
              "  teamload-pagerduty --mapping teams.yaml exports/pagerduty/\n"
              "  teamload-pagerduty --mapping teams.yaml --dry-run "
              "event.json\n"
              "  PAGERDUTY_TOKEN=... teamload-pagerduty --mapping teams.yaml "
              "--api-url https://api.pagerduty.com --since "
              "2026-11-01T00:00:00Z\n",
          .live =
              collectors::LiveMode{
                  .default_token_env = "PAGERDUTY_TOKEN",
                  .default_auth = "token",
                  .headers = pagerduty::RestHeaders(),
                  .fetch =
                      [&](collectors::HttpClient& client,
                          const std::string& url, collectors::PageSink sink) {
                        return pagerduty::FetchIncidents(client, url, query,
                                                         sink);
                      },
                  .through =
                      [&](absl::Time started) {
                        return std::min(started, until);
                      },
              },
          .add_flags =
              [&](CLI::App& app) {
                app.add_option("--since", query.since,
                               "Live: incidents from this moment (RFC 3339)");
                app.add_option("--until", query.until,
                               "Live: incidents until this moment (RFC "
                               "3339); coverage is reported through it "
                               "(default: through the fetch)");
                collectors::AddPageSizeFlag(app, query.limit, "incidents", 100);
                app.add_option("--time-zone", zone_name,
                               "The zone of Analytics timestamps written "
                               "without one, when the file does not say "
                               "(IANA name)")
                    ->capture_default_str();
              },
          .check_flags = [&](bool) -> absl::Status {
            absl::TimeZone zone;
            if (!absl::LoadTimeZone(zone_name, &zone)) {
              return absl::InvalidArgumentError(absl::StrFormat(
                  "--time-zone: \"%s\" is not a known time zone", zone_name));
            }
            parser = std::make_unique<pagerduty::Parser>(zone);
            if (query.until.empty()) return absl::OkStatus();
            absl::StatusOr<absl::Time> t =
                collectors::ParseTimestamp(query.until);
            if (!t.ok()) {
              return absl::InvalidArgumentError(
                  absl::StrCat("--until: ", t.status().message()));
            }
            until = *t;
            return absl::OkStatus();
          },
          .read =
              [&](const std::string& text, const std::string& file,
                  collectors::Collected& collected) {
                pagerduty::ParseResult parsed = parser->Parse(text, file);
                collected.records +=
                    static_cast<int64_t>(parsed.incidents.size());
                for (auto& incident : parsed.incidents) {
                  collected.newest =
                      std::max(collected.newest, incident.last_event_at);
                  auto [it, inserted] =
                      incidents.try_emplace(incident.id, incident);
                  if (!inserted) it->second.Merge(incident);
                }
                return parsed.errors;
              },
          .emit = collectors::EmitEach(incidents, pagerduty::ToSignal),
      },
      argc, argv);
}
