// Golden report: the synthetic archetype teams (one each), through the real
// ingest path (validation, an SQLite store) into the model, rendered as one
// report as of the histories' end. The Markdown must match
// tests/golden/report_weekly.md byte for byte, and the charts of the team
// someone annotated (pager_surge: one note inside the 12 weeks, one before
// them) tests/golden/report_weekly_pager_surge.svg.
//
// After an intended change, regenerate with
//   TEAMLOAD_UPDATE_GOLDEN=1 build/dev/tests/report_golden_test
// and read the diff before committing it.
#include <cstdlib>
#include <fstream>
#include <regex>

#include "collectors/synthetic/generator.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/reports/report.h"
#include "daemon/reports/slots.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload {
namespace {

const absl::Time kEnd =
    absl::FromUnixSeconds(1'795'737'600);  // 2026-11-27T00:00:00Z
constexpr char kAnnotatedTeam[] = "pager_surge";

// What a lead noted about `team`'s week, as AnnotationService writes it.
v1::Signal Annotation(std::string id, std::string team, absl::Time at,
                      std::string text, std::string author) {
  v1::Signal signal;
  signal.set_id(std::move(id));
  signal.set_team(std::move(team));
  signal.set_source("annotation");
  signal.mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(at));
  v1::Annotation& note = *signal.mutable_annotation();
  note.set_text(std::move(text));
  note.set_author(std::move(author));
  note.set_recorded_by("local");
  return signal;
}

// The <svg> of `team`'s charts in `html`.
std::string ChartOf(const std::string& html, const std::string& team) {
  const std::size_t label = html.find("aria-label=\"" + team + ": ");
  if (label == std::string::npos) return "";
  const std::size_t start = html.rfind("<svg", label);
  const std::size_t end = html.find("</svg>", label) + 6;
  return html.substr(start, end - start);
}

class ReportGoldenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (synthetic::Archetype archetype : synthetic::AllArchetypes()) {
      const std::string name(synthetic::ArchetypeName(archetype));
      specs_.push_back({.name = name,
                        .archetype = archetype,
                        .timezone = "Europe/Berlin",
                        .oncall_size = 5});
      teams_.push_back(config::WithZone(
          {.name = name,
           .timezone = "Europe/Berlin",
           .oncall_size = 5,
           .expected_sources = synthetic::ExpectedSources(archetype)}));
      report_.teams.push_back(name);
    }
    std::sort(report_.teams.begin(), report_.teams.end());
    report_.name = "weekly";
    report_.schedule = *config::ParseSchedule("Mon 09:00 Europe/Berlin");
    model_ = std::make_unique<model::Model>(teams_);
    ingestor_ =
        std::make_unique<ingest::Ingestor>(store_.get(), model_.get(), &clock_);
    for (const synthetic::TeamSpec& spec : specs_) {
      const synthetic::History history =
          synthetic::Generate(spec, {.weeks = 12, .end = kEnd});
      v1::IngestRequest request;
      for (const auto& signal : history.signals)
        *request.add_signals() = signal;
      for (const auto& coverage : history.coverage)
        *request.add_coverage() = coverage;
      absl::StatusOr<v1::IngestResponse> response = ingestor_->Ingest(request);
      ASSERT_TRUE(response.ok()) << response.status();
      for (const auto& result : response->results()) {
        ASSERT_NE(result.outcome(), v1::OUTCOME_REJECTED)
            << result.id() << ": " << result.error();
      }
    }
    // Context, not evidence: the heat table and the levels stay as they were.
    v1::IngestRequest notes;
    *notes.add_signals() = Annotation(
        "annotation:golden-1", kAnnotatedTeam,
        kEnd - absl::Hours(24 * 10) + absl::Hours(9),
        "Two of five on leave; the rota shrank to three", "Mia (EM)");
    *notes.add_signals() = Annotation(
        "annotation:golden-2", kAnnotatedTeam, kEnd - absl::Hours(24 * 100),
        "Before these 12 weeks: never drawn", "Mia (EM)");
    absl::StatusOr<v1::IngestResponse> noted = ingestor_->Ingest(notes);
    ASSERT_TRUE(noted.ok()) << noted.status();
    for (const auto& result : noted->results()) {
      ASSERT_EQ(result.outcome(), v1::OUTCOME_ACCEPTED) << result.error();
    }
  }

  std::vector<synthetic::TeamSpec> specs_;
  std::vector<config::TeamConfig> teams_;
  config::ReportConfig report_;
  std::unique_ptr<store::Store> store_ = *store::Store::Open("sqlite::memory:");
  util::FakeClock clock_{kEnd};
  std::unique_ptr<model::Model> model_;
  std::unique_ptr<ingest::Ingestor> ingestor_;
};

TEST_F(ReportGoldenTest, MarkdownMatchesTheGoldenReport) {
  absl::StatusOr<reports::RenderedReport> report =
      reports::RenderReport(report_, *model_, kEnd);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->name, "weekly");
  EXPECT_EQ(report->date, "2026-11-27");
  EXPECT_EQ(report->title, "Team load report weekly, 2026-11-27");
  // Never a composite score, anywhere in the report.
  EXPECT_FALSE(std::regex_search(
      report->markdown,
      std::regex("\\b(score|rating|risk index|health index)\\b",
                 std::regex::icase)));
  const std::string path =
      std::string(TEAMLOAD_GOLDEN_DIR) + "/report_weekly.md";
  if (std::getenv("TEAMLOAD_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << report->markdown;
    GTEST_SKIP() << "wrote " << path;
  }
  EXPECT_EQ(report->markdown, testing::ReadFile(path)) << "golden: " << path;
}

TEST_F(ReportGoldenTest, TheAnnotatedTeamsChartsMatchTheGoldenSvg) {
  absl::StatusOr<reports::RenderedReport> report =
      reports::RenderReport(report_, *model_, kEnd);
  ASSERT_TRUE(report.ok()) << report.status();
  const std::string svg = ChartOf(report->html, kAnnotatedTeam);
  ASSERT_NE(svg, "");
  // One flag, for the note inside the 12 weeks.
  EXPECT_THAT(svg, ::testing::HasSubstr(
                       "(context, not evidence): 2026-11-17 — Two of five on "
                       "leave; the rota shrank to three (Mia (EM))</title>"));
  EXPECT_THAT(svg, ::testing::Not(::testing::HasSubstr("Before these")));
  // The other teams have no notes, and no flags.
  EXPECT_THAT(ChartOf(report->html, "steady"),
              ::testing::Not(::testing::HasSubstr("stroke-dasharray")));
  const std::string path = std::string(TEAMLOAD_GOLDEN_DIR) +
                           "/report_weekly_" + kAnnotatedTeam + ".svg";
  if (std::getenv("TEAMLOAD_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << svg << "\n";
    GTEST_SKIP() << "wrote " << path;
  }
  EXPECT_EQ(svg + "\n", testing::ReadFile(path)) << "golden: " << path;
}

TEST_F(ReportGoldenTest, TheHeatTableHasOneRowOfLevelsPerTeam) {
  absl::StatusOr<reports::RenderedReport> report =
      reports::RenderReport(report_, *model_, kEnd);
  ASSERT_TRUE(report.ok()) << report.status();
  const std::string& md = report->markdown;
  EXPECT_THAT(md, ::testing::HasSubstr(
                      "| Team | Workload | Economic | Safety | Cannot see |\n"
                      "| --- | --- | --- | --- | --- |\n"
                      "| blind | - | - | - | oops, survey |\n"));
  EXPECT_THAT(md, ::testing::HasSubstr("| steady | - | - | - | - |\n"));
  // Every team's narrative follows, one heading level down.
  for (const std::string& team : report_.teams)
    EXPECT_THAT(md, ::testing::HasSubstr("\n## " + team + "\n")) << team;
}

TEST_F(ReportGoldenTest, TheSameInputGivesTheSameBytes) {
  absl::StatusOr<reports::RenderedReport> a =
      reports::RenderReport(report_, *model_, kEnd);
  absl::StatusOr<reports::RenderedReport> b =
      reports::RenderReport(report_, *model_, kEnd);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->markdown, b->markdown);
  EXPECT_EQ(a->html, b->html);
}

TEST_F(ReportGoldenTest, TheHtmlIsOneDocumentWithEveryTeamsCharts) {
  absl::StatusOr<reports::RenderedReport> report =
      reports::RenderReport(report_, *model_, kEnd);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->html,
              ::testing::HasSubstr("<title>Team load report weekly, "
                                   "2026-11-27</title>"));
  int svgs = 0;
  for (std::size_t at = report->html.find("<svg"); at != std::string::npos;
       at = report->html.find("<svg", at + 1)) {
    ++svgs;
  }
  EXPECT_GE(svgs, 6);  // one chart block per team
}

}  // namespace
}  // namespace teamload
