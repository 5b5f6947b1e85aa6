#include "collectors/fuzz/ingest_entry.h"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "daemon/analysis/analyze.h"
#include "daemon/config/config.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/ingest/validate.h"
#include "daemon/model/model.h"
#include "daemon/narrative/narrative.h"
#include "daemon/store/store.h"
#include "daemon/util/clock.h"
#include "google/protobuf/stubs/logging.h"
#include "teamload/v1/ingest.pb.h"
#include "text/controls.h"

namespace teamload::collectors::fuzz {
namespace {

// Teams the inputs can name: "payments" expects sources (so blind spots are
// told), "t" is one letter (cheap for the fuzzer to find).
const std::vector<config::TeamConfig>& Teams() {
  static const auto* const kTeams = new std::vector<config::TeamConfig>{
      config::WithZone({.name = "payments",
                        .timezone = "Europe/Berlin",
                        .oncall_size = 5,
                        .expected_sources = {"pagerduty", "jira"}}),
      config::WithZone({.name = "search"}),
      config::WithZone({.name = "t", .timezone = "America/New_York"}),
  };
  return *kTeams;
}

const absl::Time kNow = absl::FromUnixSeconds(1'795'737'600);  // 2026-11-27

[[noreturn]] void Finding(const char* what, absl::string_view detail = "") {
  std::fprintf(stderr, "ingest fuzz finding: %s %s\n", what,
               text::ShowControls(detail).c_str());
  std::abort();
}

// Every team's narrative (the teams `request` names), as of kNow.
std::vector<teamload::v1::Narrative> Tell(const model::Model& model,
                                          const std::set<std::string>& teams) {
  std::vector<teamload::v1::Narrative> narratives;
  for (const std::string& name : teams) {
    (void)model.VisitTeam(name, [&](const config::TeamConfig& team,
                                    const model::TeamHistory& history) {
      narratives.push_back(narrative::BuildNarrative(
          team, analysis::Analyze(team, history, kNow), kNow));
    });
  }
  return narratives;
}

}  // namespace

void IngestRequest(const uint8_t* data, size_t size) {
  teamload::v1::IngestRequest request;
  {
    google::protobuf::LogSilencer quiet;  // invalid UTF-8 is logged, not ours
    if (!request.ParseFromArray(data, static_cast<int>(size))) return;
  }
  const auto known = [](absl::string_view team) {
    for (const auto& t : Teams()) {
      if (t.name == team) return true;
    }
    return false;
  };
  std::set<std::string> teams;
  for (const auto& signal : request.signals()) {
    (void)ingest::ValidateSignal(signal, known, kNow);
    if (known(signal.team())) teams.insert(signal.team());
  }
  for (const auto& coverage : request.coverage()) {
    (void)ingest::ValidateCoverage(coverage, known, kNow);
    if (known(coverage.team())) teams.insert(coverage.team());
  }

  absl::StatusOr<std::unique_ptr<store::Store>> store =
      store::Store::Open("sqlite::memory:");
  if (!store.ok()) Finding("cannot open the store", store.status().message());
  model::Model model(Teams());
  util::FakeClock clock(kNow);
  ingest::Ingestor ingestor(store->get(), &model, &clock);
  absl::StatusOr<teamload::v1::IngestResponse> first = ingestor.Ingest(request);
  if (!first.ok()) Finding("ingest failed", first.status().message());
  if (first->results_size() != request.signals_size() ||
      first->coverage_results_size() != request.coverage_size()) {
    Finding("the response does not answer every entry");
  }
  for (int i = 0; i < first->results_size(); ++i) {
    if (first->results(i).id() != request.signals(i).id())
      Finding("results out of order", first->results(i).id());
  }
  absl::StatusOr<teamload::v1::IngestResponse> again = ingestor.Ingest(request);
  if (!again.ok()) Finding("ingest again failed", again.status().message());
  for (const auto& result : again->results()) {
    if (result.outcome() == teamload::v1::OUTCOME_ACCEPTED ||
        result.outcome() == teamload::v1::OUTCOME_REVISED) {
      Finding("the same request again changed a signal", result.id());
    }
  }

  const std::vector<teamload::v1::Narrative> told = Tell(model, teams);
  for (const auto& n : told) {
    if (text::ShowControls(n.markdown(), text::Newlines::kKeep) !=
        n.markdown()) {
      Finding("raw control characters in the Markdown", n.markdown());
    }
  }
  model::Model rebuilt(Teams());
  if (absl::Status s = rebuilt.Rebuild(**store); !s.ok())
    Finding("cannot rebuild from the store", s.message());
  const std::vector<teamload::v1::Narrative> retold = Tell(rebuilt, teams);
  for (size_t i = 0; i < told.size(); ++i) {
    if (!narrative::SameStory(told[i], retold[i]))
      Finding("a rebuilt model tells another story", told[i].team());
  }
}

}  // namespace teamload::collectors::fuzz
