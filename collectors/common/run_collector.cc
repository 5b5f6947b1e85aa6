#include "collectors/common/run_collector.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "client/sink.h"
#include "collectors/common/api_source.h"
#include "collectors/common/flags.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors {
namespace {

// Reads every page the live API gives, as files are read. False (with the
// error printed) when the fetch stopped early: what was read is kept.
bool ReadApiPages(const CollectorSpec& spec, const ApiFlags& api,
                  HttpClient& client, Collected& collected) {
  collected.pages_from_api = true;
  const absl::Time started = absl::Now();
  absl::StatusOr<int> pages = spec.live->fetch(
      client, api.url, [&](const std::string& body, const std::string& url) {
        ++collected.files;
        ReportSkipped(spec.read(body, url, collected), collected);
      });
  if (!pages.ok()) {
    absl::FPrintF(stderr, "%s: %s\n", spec.program(), pages.status().message());
    return false;
  }
  const absl::Time through =
      spec.live->through ? spec.live->through(started) : started;
  collected.newest = std::max(collected.newest, through);
  return true;
}

// Sends (or prints, with --dry-run) the signals, and coverage for every team
// `mapping` names for the source through `covered_through` (InfinitePast: the
// newest record read) when the read was `complete`; returns the exit code.
int Deliver(const CollectorSpec& spec, const CollectorFlags& flags,
            const TeamMapping& mapping, const Collected& collected,
            absl::Time covered_through, bool complete) {
  const std::vector<std::string> coverage_teams =
      complete ? mapping.TeamsOf(spec.source) : std::vector<std::string>{};
  const absl::Time through = covered_through != absl::InfinitePast()
                                 ? covered_through
                                 : collected.newest;
  std::unique_ptr<client::Sink> sink =
      flags.dry_run ? client::DryRunSink()
                    : client::DaemonSink({.program = spec.program(),
                                          .endpoint = flags.endpoint,
                                          .batch_size = flags.batch_size});
  const auto failed = [&](const absl::Status& s) {
    absl::FPrintF(stderr, "%s: %s\n", spec.program(), s.message());
    return 2;
  };
  for (const auto& signal : collected.signals) {
    if (absl::Status s = sink->Add(signal); !s.ok()) return failed(s);
  }
  // Every mapped team was looked at, even one without records: for it, no
  // records means calm, not blind.
  if (through != absl::InfinitePast()) {
    for (const std::string& team : coverage_teams) {
      teamload::v1::Coverage coverage;
      coverage.set_source(spec.source);
      coverage.set_team(team);
      coverage.mutable_covered_through()->set_seconds(
          absl::ToUnixSeconds(through));
      if (absl::Status s = sink->Add(coverage); !s.ok()) return failed(s);
    }
  }
  if (absl::Status s = sink->Flush(); !s.ok()) return failed(s);
  absl::FPrintF(
      stderr,
      "%s: %d %s, %d records, %d signals (%s), %d unmapped, %d malformed; "
      "coverage: %s\n",
      spec.program(), collected.files,
      collected.pages_from_api ? "API pages" : "files", collected.records,
      collected.signals.size(), sink->Summary(), collected.unmapped,
      collected.malformed,
      through == absl::InfinitePast()
          ? "none sent (no records and no --covered-through)"
          : absl::StrFormat("%d teams through %s", coverage_teams.size(),
                            absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", through,
                                             absl::UTCTimeZone())));
  if (!complete) return 2;
  const bool skipped = collected.malformed > 0 || collected.unmapped > 0 ||
                       sink->totals().rejected() > 0;
  return skipped && !flags.allow_partial ? 1 : 0;
}

}  // namespace

int RunCollector(const CollectorSpec& spec, int argc, char** argv) {
  CLI::App app{absl::StrCat(spec.program(), ": ", spec.description)};
  CollectorFlags flags;
  AddCollectorFlags(app, flags);
  ApiFlags api;
  if (spec.live.has_value()) {
    AddApiFlags(app, api, spec.live->default_token_env,
                spec.live->default_auth);
  }
  if (spec.add_flags) spec.add_flags(app);
  app.footer(absl::StrCat("\nExamples:\n", spec.examples));
  if (std::optional<int> exit_code = ParseCommandLine(app, argc, argv)) {
    return *exit_code;
  }
  const bool live = !api.url.empty();
  // Checked before anything is read, like every flag.
  absl::Time covered_through = absl::InfinitePast();
  if (!flags.covered_through.empty()) {
    absl::StatusOr<absl::Time> t = ParseTimestamp(flags.covered_through);
    if (!t.ok()) {
      absl::FPrintF(stderr, "%s: --covered-through: %s\n", spec.program(),
                    t.status().message());
      return 2;
    }
    covered_through = *t;
  }
  if (spec.check_flags) {
    if (absl::Status s = spec.check_flags(live); !s.ok()) {
      absl::FPrintF(stderr, "%s: %s\n", spec.program(), s.message());
      return 2;
    }
  }
  absl::StatusOr<TeamMapping> mapping = TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "%s: %s\n", spec.program(),
                  mapping.status().message());
    return 2;
  }

  Collected collected;
  bool complete = true;
  if (live) {
    // Without a client (no token, say) nothing was looked at: stop here.
    absl::StatusOr<std::unique_ptr<HttpClient>> client =
        NewApiClient(spec.program(), api, spec.live->headers);
    if (!client.ok()) {
      absl::FPrintF(stderr, "%s: %s\n", spec.program(),
                    client.status().message());
      return 2;
    }
    complete = ReadApiPages(spec, api, **client, collected);
  } else {
    const std::vector<std::string> files =
        spec.list_inputs ? spec.list_inputs(flags.inputs, collected)
                         : ExpandInputs(flags.inputs, spec.extensions);
    ReadFiles(
        files,
        [&](const std::string& text, const std::string& name) {
          return spec.read(text, name, collected);
        },
        collected);
  }
  spec.emit(*mapping, collected,
            [&](std::optional<teamload::v1::Signal> signal,
                absl::string_view unmapped_why) {
              KeepMapped(std::move(signal), unmapped_why, mapping->file(),
                         collected);
            });
  return Deliver(spec, flags, *mapping, collected, covered_through, complete);
}

}  // namespace teamload::collectors
