// teamload-pagerduty: reads PagerDuty webhook v3 events and REST v2
// `GET /incidents` pages from files, and sends one page signal per incident,
// plus coverage heartbeats for every mapped team, to teamloadd.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "collectors/common/sink.h"
#include "collectors/common/team_mapping.h"
#include "collectors/common/timestamps.h"
#include "collectors/pagerduty/parser.h"

namespace {

namespace fs = std::filesystem;
using teamload::collectors::pagerduty::Incident;

// Files named on the command line, and the .json files inside folders, sorted.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    if (!fs::is_directory(input)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& entry : fs::recursive_directory_iterator(input)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        inside.push_back(entry.path().string());
      }
    }
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

std::string Rfc3339(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "teamload-pagerduty: PagerDuty incidents to teamload page signals.\n\n"
      "Reads webhook v3 events ({\"event\": ...}, one per file) and REST v2 "
      "GET /incidents "
      "pages ({\"incidents\": [...]}) from files or folders of .json files. "
      "Every state of "
      "an incident is one signal, pagerduty:<incident id>, so triggered, "
      "acknowledged and "
      "resolved events are revisions, not new pages. The team mapping says "
      "which PagerDuty "
      "teams, escalation policies and services belong to which team."};
  std::vector<std::string> inputs;
  std::string mapping_path, address = "127.0.0.1:7070", covered_through;
  bool dry_run = false, allow_partial = false;
  int batch_size = 1000;
  app.add_option("INPUTS", inputs, "JSON files or folders")->required();
  app.add_option("--mapping", mapping_path,
                 "Team mapping YAML (see collectors/README.md)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--addr", address, "teamloadd's gRPC address")
      ->envname("TEAMLOAD_ADDR")
      ->capture_default_str();
  app.add_flag("--dry-run", dry_run,
               "Print the signals as JSON lines instead of sending");
  app.add_flag("--allow-partial", allow_partial,
               "Exit 0 even when malformed or unmapped records were skipped");
  app.add_option("--covered-through", covered_through,
                 "Coverage to report for every mapped team (RFC 3339); "
                 "default: the newest "
                 "record read");
  app.add_option("--batch-size", batch_size, "Signals per request")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
  app.footer(
      "\nExample:\n  teamload-pagerduty --mapping teams.yaml "
      "exports/pagerduty/\n"
      "  teamload-pagerduty --mapping teams.yaml --dry-run event.json\n");
  CLI11_PARSE(app, argc, argv);

  absl::StatusOr<teamload::collectors::TeamMapping> mapping =
      teamload::collectors::TeamMapping::Load(mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-pagerduty: %s\n",
                  mapping.status().message());
    return 2;
  }

  teamload::collectors::pagerduty::Parser parser;
  std::map<std::string, Incident> incidents;  // by id, so output is in id order
  int64_t malformed = 0;
  absl::Time newest = absl::InfinitePast();
  const std::vector<std::string> files = ExpandInputs(inputs);
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      absl::FPrintF(stderr, "%s: cannot read\n", file);
      ++malformed;
      continue;
    }
    std::stringstream text;
    text << in.rdbuf();
    teamload::collectors::pagerduty::ParseResult parsed =
        parser.Parse(text.str(), file);
    for (const auto& error : parsed.errors) {
      absl::FPrintF(stderr, "%s: skipped: %s\n", error.where, error.reason);
    }
    malformed += static_cast<int64_t>(parsed.errors.size());
    for (Incident& incident : parsed.incidents) {
      newest = std::max(newest, incident.last_event_at);
      auto [it, inserted] = incidents.try_emplace(incident.id, incident);
      if (!inserted) it->second.Merge(incident);
    }
  }

  std::unique_ptr<teamload::collectors::Sink> sink =
      dry_run ? teamload::collectors::DryRunSink()
              : teamload::collectors::DaemonSink(address, batch_size);
  int64_t unmapped = 0, signals = 0;
  for (const auto& [id, incident] : incidents) {
    std::string why;
    std::optional<teamload::v1::Signal> signal =
        teamload::collectors::pagerduty::ToSignal(incident, *mapping, &why);
    if (!signal.has_value()) {
      absl::FPrintF(stderr, "unmapped: %s belongs to no team in %s\n", why,
                    mapping_path);
      ++unmapped;
      continue;
    }
    ++signals;
    if (absl::Status s = sink->Add(*signal); !s.ok()) {
      absl::FPrintF(stderr, "teamload-pagerduty: %s: %s\n", address,
                    s.message());
      return 2;
    }
  }

  absl::Time through = newest;
  if (!covered_through.empty()) {
    absl::StatusOr<absl::Time> t =
        teamload::collectors::ParseTimestamp(covered_through);
    if (!t.ok()) {
      absl::FPrintF(stderr, "teamload-pagerduty: --covered-through: %s\n",
                    t.status().message());
      return 2;
    }
    through = *t;
  }
  const std::vector<std::string> teams = mapping->TeamsOf("pagerduty");
  if (through != absl::InfinitePast()) {
    for (const std::string& team : teams) {
      teamload::v1::Coverage coverage;
      coverage.set_source("pagerduty");
      coverage.set_team(team);
      coverage.mutable_covered_through()->set_seconds(
          absl::ToUnixSeconds(through));
      if (absl::Status s = sink->Add(coverage); !s.ok()) {
        absl::FPrintF(stderr, "teamload-pagerduty: %s: %s\n", address,
                      s.message());
        return 2;
      }
    }
  }
  if (absl::Status s = sink->Flush(); !s.ok()) {
    absl::FPrintF(stderr, "teamload-pagerduty: %s: %s\n", address, s.message());
    return 2;
  }
  absl::FPrintF(stderr,
                "teamload-pagerduty: %d files, %d incidents, %d signals (%s), "
                "%d unmapped, %d "
                "malformed; coverage: %s\n",
                files.size(), incidents.size(), signals, sink->Summary(),
                unmapped, malformed,
                through == absl::InfinitePast()
                    ? "none sent (no records and no --covered-through)"
                    : absl::StrFormat("%d teams through %s", teams.size(),
                                      Rfc3339(through)));
  const bool skipped = malformed > 0 || unmapped > 0 || sink->rejected() > 0;
  return skipped && !allow_partial ? 1 : 0;
}
