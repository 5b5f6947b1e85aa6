// teamload-synth: seeded, deterministic histories of synthetic teams, for
// demos, tests and benchmarks. Prints JSON lines for `teamloadctl ingest`,
// the teams: block of teamloadd's config, or sends straight to a daemon.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/endpoint_flags.h"
#include "client/sink.h"
#include "collectors/synthetic/archetype.h"
#include "collectors/synthetic/generator.h"
#include "google/protobuf/util/time_util.h"

namespace {

using teamload::synthetic::Archetype;
using teamload::synthetic::TeamSpec;

struct Flags {
  int teams = 6;
  std::vector<std::string> archetypes;
  std::string prefix;
  int weeks = 12;
  std::string end;
  uint64_t seed = 1;
  std::string timezone = "Europe/Berlin";
  bool config_teams = false;
  std::string send;
  teamload::client::Endpoint endpoint;  // --send's credentials
  std::string out;
};

constexpr const char* kMixedZones[] = {"Europe/Berlin", "America/New_York",
                                       "Asia/Kolkata"};
constexpr int kBatchSignals = 1000;

absl::StatusOr<std::vector<TeamSpec>> PlanTeams(const Flags& flags) {
  std::vector<Archetype> archetypes;
  if (flags.archetypes.empty()) {
    const auto all = teamload::synthetic::AllArchetypes();
    for (int i = 0; i < flags.teams; ++i) {
      archetypes.push_back(all[i % all.size()]);
    }
  }
  for (const std::string& name : flags.archetypes) {
    absl::StatusOr<Archetype> archetype =
        teamload::synthetic::ParseArchetype(name);
    if (!archetype.ok()) return archetype.status();
    archetypes.push_back(*archetype);
  }
  if (flags.timezone != "mixed") {
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(flags.timezone, &zone)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "unknown time zone \"%s\" (use an IANA name such as Europe/Berlin, "
          "or mixed)",
          flags.timezone));
    }
  }
  std::vector<TeamSpec> teams;
  for (size_t i = 0; i < archetypes.size(); ++i) {
    teams.push_back({
        .name = absl::StrCat(flags.prefix,
                             teamload::synthetic::ArchetypeName(archetypes[i]),
                             "-", i + 1),
        .archetype = archetypes[i],
        .timezone =
            flags.timezone == "mixed" ? kMixedZones[i % 3] : flags.timezone,
        .oncall_size = 4 + static_cast<int>(i % 3),
    });
  }
  return teams;
}

// --end, or the start of today (UTC); the whole window must be after 2000.
absl::StatusOr<absl::Time> ResolveEnd(const Flags& flags) {
  absl::Time end;
  if (flags.end.empty()) {
    end = absl::FromCivil(
        absl::CivilDay(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone())),
        absl::UTCTimeZone());
  } else if (std::string error;
             !absl::ParseTime(absl::RFC3339_full, flags.end, &end, &error)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "--end \"%s\" is not RFC 3339 (2026-11-27T00:00:00Z): %s", flags.end,
        error));
  }
  const absl::Time earliest =
      absl::FromCivil(absl::CivilDay(2000, 1, 1), absl::UTCTimeZone());
  if (end - absl::Hours(24 * 7) * flags.weeks <= earliest) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "--end %s minus %d weeks starts before 2000-01-01",
        absl::FormatTime(absl::RFC3339_sec, end, absl::UTCTimeZone()),
        flags.weeks));
  }
  return end;
}

void PrintConfigTeams(const std::vector<TeamSpec>& teams, std::FILE* out) {
  absl::FPrintF(out, "teams:\n");
  for (const TeamSpec& team : teams) {
    absl::FPrintF(
        out,
        "  - name: %s\n    timezone: %s\n    oncall_size: %d\n"
        "    expected_sources: [%s]\n",
        team.name, team.timezone, team.oncall_size,
        absl::StrJoin(teamload::synthetic::ExpectedSources(team.archetype),
                      ", "));
  }
}

// Hands every signal, then every heartbeat, to `sink`, and flushes it.
absl::Status Deliver(const teamload::synthetic::History& all,
                     teamload::client::Sink& sink) {
  for (const auto& signal : all.signals) {
    if (absl::Status s = sink.Add(signal); !s.ok()) return s;
  }
  for (const auto& coverage : all.coverage) {
    if (absl::Status s = sink.Add(coverage); !s.ok()) return s;
  }
  return sink.Flush();
}

std::string ArchetypeHelp() {
  std::string help = "\nArchetypes (--archetypes, or cycled by --teams):\n";
  for (const Archetype archetype : teamload::synthetic::AllArchetypes()) {
    absl::StrAppendFormat(&help, "  %-17s %s\n",
                          teamload::synthetic::ArchetypeName(archetype),
                          teamload::synthetic::ArchetypeDescription(archetype));
  }
  return help;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "teamload-synth: seeded, deterministic histories of synthetic teams, "
      "as JSON lines for `teamloadctl ingest` (one teamload.v1.Signal or "
      "Coverage per line), or sent straight to teamloadd."};
  Flags flags;
  app.add_option("--teams", flags.teams,
                 "Number of teams, cycling through the archetypes")
      ->check(CLI::Range(1, 100'000))
      ->capture_default_str();
  app.add_option("--archetypes", flags.archetypes,
                 "Comma-separated archetypes, one team each (overrides "
                 "--teams)")
      ->delimiter(',');
  app.add_option("--prefix", flags.prefix,
                 "Team name prefix: PREFIX + archetype + \"-\" + number");
  app.add_option("--weeks", flags.weeks, "Weeks of history")
      ->check(CLI::Range(1, 520))
      ->capture_default_str();
  app.add_option("--end", flags.end,
                 "End of the history, RFC 3339 (default: start of today, UTC)");
  app.add_option("--seed", flags.seed, "Random seed")->capture_default_str();
  app.add_option("--timezone", flags.timezone,
                 "IANA time zone of every team, or \"mixed\" to alternate "
                 "Europe/Berlin, America/New_York, Asia/Kolkata")
      ->capture_default_str();
  CLI::Option* config_teams = app.add_flag(
      "--config-teams", flags.config_teams,
      "Print the teams: list for teamloadd's config instead of signals");
  CLI::Option* send =
      app.add_option("--send", flags.send,
                     "Send to teamloadd at HOST:PORT instead of printing")
          ->excludes(config_teams);
  app.add_option("--out", flags.out, "Write to FILE instead of stdout")
      ->excludes(send);
  teamload::client::AddCredentialFlags(app, flags.endpoint);
  app.footer(ArchetypeHelp() +
             "\nExamples:\n"
             "  teamload-synth --config-teams > teams.yaml   # paste into the "
             "config\n"
             "  teamload-synth --end 2026-11-27T00:00:00Z --out signals.jsonl\n"
             "  teamload-synth --archetypes pager_surge,blind --send "
             "127.0.0.1:7070\n");
  CLI11_PARSE(app, argc, argv);
  flags.endpoint.address = flags.send;

  absl::StatusOr<std::vector<TeamSpec>> teams = PlanTeams(flags);
  if (!teams.ok()) {
    absl::FPrintF(stderr, "teamload-synth: %s\n", teams.status().message());
    return 2;
  }
  absl::StatusOr<absl::Time> end = ResolveEnd(flags);
  if (!end.ok()) {
    absl::FPrintF(stderr, "teamload-synth: %s\n", end.status().message());
    return 2;
  }

  std::FILE* out = stdout;
  if (!flags.out.empty() && !(out = std::fopen(flags.out.c_str(), "w"))) {
    absl::FPrintF(stderr, "teamload-synth: cannot write %s\n", flags.out);
    return 2;
  }
  if (flags.config_teams) {
    PrintConfigTeams(*teams, out);
  } else {
    teamload::synthetic::History all;
    const teamload::synthetic::GeneratorOptions options{
        .weeks = flags.weeks, .end = *end, .seed = flags.seed};
    for (const TeamSpec& team : *teams) {
      teamload::synthetic::History history =
          teamload::synthetic::Generate(team, options);
      std::move(history.signals.begin(), history.signals.end(),
                std::back_inserter(all.signals));
      std::move(history.coverage.begin(), history.coverage.end(),
                std::back_inserter(all.coverage));
    }
    // One stream in time order, as the sources would have sent it; stable,
    // so a deferral's revisions keep their order.
    std::stable_sort(all.signals.begin(), all.signals.end(),
                     [](const auto& a, const auto& b) {
                       return a.occurred_at() < b.occurred_at();
                     });
    std::stable_sort(all.coverage.begin(), all.coverage.end(),
                     [](const auto& a, const auto& b) {
                       return a.covered_through() < b.covered_through();
                     });
    std::unique_ptr<teamload::client::Sink> sink =
        flags.send.empty()
            ? teamload::client::DryRunSink(out)
            : teamload::client::DaemonSink({.program = "teamload-synth",
                                            .endpoint = flags.endpoint,
                                            .batch_size = kBatchSignals});
    if (absl::Status s = Deliver(all, *sink); !s.ok()) {
      // A daemon's refusal names its address; a dry run names its file.
      absl::FPrintF(stderr, "teamload-synth: %s%s\n",
                    !flags.send.empty() ? ""
                    : flags.out.empty() ? "stdout: "
                                        : flags.out + ": ",
                    s.message());
      return 2;
    }
    if (!flags.send.empty()) {
      absl::PrintF("teamload-synth: %d teams to %s; %s\n", teams->size(),
                   flags.send, sink->Summary());
      if (sink->totals().rejected() > 0) return 1;
    }
  }
  if (std::fflush(out) != 0 || (out != stdout && std::fclose(out) != 0)) {
    absl::FPrintF(stderr, "teamload-synth: cannot write %s\n",
                  flags.out.empty() ? "stdout" : flags.out);
    return 2;
  }
  return 0;
}
