// Generator: a seeded, deterministic history for one synthetic team. Given
// a team (name, archetype, time zone) and a window of `weeks` ending at
// `end`, it produces the signals its sources would have sent, as
// teamload.v1.Signal, and each source's daily coverage heartbeats.
//
// A pure library: no I/O, no clock. The same TeamSpec and GeneratorOptions
// give byte-identical output, independent of any other team generated
// alongside. Thread-safe: Generate keeps no state between calls.
//
// "Week k" is the 7 days ending k weeks before `end`; week 0 is the last 7
// days. What each archetype puts in which week is in archetype.h and, in
// numbers, in internal/plans.cc.
#ifndef TEAMLOAD_COLLECTORS_SYNTHETIC_GENERATOR_H_
#define TEAMLOAD_COLLECTORS_SYNTHETIC_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "collectors/synthetic/archetype.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::synthetic {

struct TeamSpec {
  std::string name;
  Archetype archetype = Archetype::kSteady;
  // IANA name; pages and surveys are placed in the team's local hours.
  std::string timezone = "Europe/Berlin";
  int oncall_size = 5;
};

struct GeneratorOptions {
  int weeks = 12;
  // Nothing is generated after this instant; the last heartbeats end here.
  absl::Time end;
  uint64_t seed = 1;
};

struct History {
  // Sorted by occurred_at. A deferral pushed back again is the same id sent
  // once per revision, the revisions in the order they happened.
  std::vector<teamload::v1::Signal> signals;
  // One heartbeat per source per day, oldest first.
  std::vector<teamload::v1::Coverage> coverage;
};

// REQUIRES: options.weeks >= 1; end - weeks is after 2000-01-01;
// team.timezone loads (an unknown zone falls back to UTC).
History Generate(const TeamSpec& team, const GeneratorOptions& options);

// The sources a team's config should expect: pagerduty, jira, oops, survey;
// migrations for kMigrationOverload, the team that keeps a register; and
// github for kDeploySurge, whose deploys GitHub reports.
std::vector<std::string> ExpectedSources(Archetype archetype);

}  // namespace teamload::synthetic

#endif  // TEAMLOAD_COLLECTORS_SYNTHETIC_GENERATOR_H_
