// Golden narratives: every archetype from teamload-synth's generator, through
// the real ingest path (validation, deduplication, an SQLite store) into the
// model, then told as of the history's end. The Markdown must match
// tests/golden/<archetype>.md byte for byte.
//
// After an intended change, regenerate with
//   TEAMLOAD_UPDATE_GOLDEN=1 build/dev/tests/narrative_golden_test
// and read the diff before committing it.
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "collectors/synthetic/generator.h"
#include "daemon/analysis/analyze.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/narrative/narrative.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload {
namespace {

const absl::Time kEnd =
    absl::FromUnixSeconds(1'795'737'600);  // 2026-11-27T00:00:00Z

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class GoldenTest : public ::testing::TestWithParam<synthetic::Archetype> {};

TEST_P(GoldenTest, NarrativeMatchesTheGoldenMarkdown) {
  const synthetic::Archetype archetype = GetParam();
  const std::string name(synthetic::ArchetypeName(archetype));
  const synthetic::TeamSpec spec{.name = name + "-team",
                                 .archetype = archetype,
                                 .timezone = "Europe/Berlin",
                                 .oncall_size = 5};
  const synthetic::History history =
      synthetic::Generate(spec, {.weeks = 12, .end = kEnd});
  const config::TeamConfig team = config::WithZone(
      {.name = spec.name,
       .timezone = spec.timezone,
       .oncall_size = spec.oncall_size,
       .expected_sources = synthetic::ExpectedSources(archetype)});

  auto store = *store::Store::Open("sqlite::memory:");
  model::Model model({team});
  util::FakeClock clock(kEnd);
  ingest::Ingestor ingestor(store.get(), &model, &clock);
  v1::IngestRequest request;
  for (const auto& signal : history.signals) *request.add_signals() = signal;
  for (const auto& coverage : history.coverage)
    *request.add_coverage() = coverage;
  absl::StatusOr<v1::IngestResponse> response = ingestor.Ingest(request);
  ASSERT_TRUE(response.ok()) << response.status();
  for (const auto& result : response->results()) {
    ASSERT_NE(result.outcome(), v1::OUTCOME_REJECTED)
        << result.id() << ": " << result.error();
  }

  std::string markdown;
  ASSERT_TRUE(model
                  .VisitTeam(team.name,
                             [&](const config::TeamConfig& t,
                                 const model::TeamHistory& h) {
                               markdown =
                                   narrative::BuildNarrative(
                                       t, analysis::Analyze(t, h, kEnd), kEnd)
                                       .markdown();
                             })
                  .ok());
  // Never a composite score, in any archetype's story.
  EXPECT_FALSE(std::regex_search(
      markdown, std::regex("\\b(score|rating|risk index|health index)\\b",
                           std::regex::icase)));
  const std::string path =
      std::string(TEAMLOAD_GOLDEN_DIR) + "/" + name + ".md";
  if (std::getenv("TEAMLOAD_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << markdown;
    GTEST_SKIP() << "wrote " << path;
  }
  EXPECT_EQ(markdown, ReadFile(path)) << "golden: " << path;
}

INSTANTIATE_TEST_SUITE_P(
    Archetypes, GoldenTest,
    ::testing::Values(
        synthetic::Archetype::kSteady, synthetic::Archetype::kPagerSurge,
        synthetic::Archetype::kQuietUnderwater,
        synthetic::Archetype::kDeferralDrift, synthetic::Archetype::kRecovering,
        synthetic::Archetype::kBlind, synthetic::Archetype::kMigrationOverload,
        synthetic::Archetype::kDeploySurge),
    [](const ::testing::TestParamInfo<synthetic::Archetype>& info) {
      return std::string(synthetic::ArchetypeName(info.param));
    });

}  // namespace
}  // namespace teamload
