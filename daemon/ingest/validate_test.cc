#include "daemon/ingest/validate.h"

#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace teamload::ingest {
namespace {

// 2026-11-27T00:00:00Z
const absl::Time kNow = absl::FromUnixSeconds(1'795'737'600);

bool KnownTeam(absl::string_view team) { return team == "payments"; }

teamload::v1::Signal Parse(const std::string& text) {
  teamload::v1::Signal signal;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &signal))
      << text;
  return signal;
}

constexpr char kValidPage[] = R"pb(
  id: "pd:1"
  team: "payments"
  source: "pagerduty"
  occurred_at { seconds: 1795700000 }
  page {
    urgency: URGENCY_HIGH
    time_to_ack { seconds: 60 }
  }
)pb";

struct Case {
  std::string name;
  std::string signal;  // text format, appended to a valid page's fields
  std::string error;   // empty: valid
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ValidateSignalTest : public testing::TestWithParam<Case> {};

TEST_P(ValidateSignalTest, NamesTheFieldAndTheRule) {
  const absl::Status status =
      ValidateSignal(Parse(GetParam().signal), KnownTeam, kNow);
  if (GetParam().error.empty()) {
    EXPECT_TRUE(status.ok()) << status;
  } else {
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(status.message()), GetParam().error);
  }
}

const std::string kBig(16 * 1024 + 1, 'x');
const std::string kMaxText(16 * 1024, 'x');

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidateSignalTest,
    testing::Values(
        Case{"valid_page", kValidPage, ""},
        Case{"empty_id",
             "team: 'payments' source: 's' occurred_at { seconds: 1795700000 } "
             "page {}",
             "id: must not be empty"},
        Case{"id_at_limit",
             "id: '" + std::string(256, 'i') +
                 "' team: 'payments' source: 's' occurred_at { seconds: "
                 "1795700000 } page {}",
             ""},
        Case{"id_over_limit",
             "id: '" + std::string(257, 'i') +
                 "' team: 'payments' source: 's' occurred_at { seconds: "
                 "1795700000 } page {}",
             "id: is 257 bytes, over the limit of 256"},
        Case{"unknown_team",
             "id: 'x' team: 'billing' source: 's' occurred_at { seconds: "
             "1795700000 } page {}",
             "team: unknown team \"billing\" (not in teamloadd's config)"},
        Case{"empty_source",
             "id: 'x' team: 'payments' occurred_at { seconds: 1795700000 } "
             "page {}",
             "source: must not be empty"},
        Case{"missing_time", "id: 'x' team: 'payments' source: 's' page {}",
             "occurred_at: is required"},
        Case{"before_2000",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "946684799 } page {}",
             "occurred_at: 1999-12-31T23:59:59Z is before 2000-01-01"},
        Case{"exactly_2000",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "946684800 } page {}",
             ""},
        Case{"a_day_ahead",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795824000 } page {}",
             ""},
        Case{"over_a_day_ahead",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795824001 } page {}",
             "occurred_at: 2026-11-28T00:00:01Z is more than a day in the "
             "future (now "
             "2026-11-27T00:00:00Z)"},
        Case{"no_kind",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 }",
             "kind: no kind set (one of page, oops, deferral, survey_note, "
             "migration, deploy, annotation)"},
        Case{"annotation_without_author",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } annotation { text: 'reorg' }",
             "annotation.author: must not be empty"},
        Case{"annotation_on_two_lines",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } annotation { text: 'reorg\\nnext' author: 'm' }",
             "annotation.text: must be one line"},
        Case{"text_at_limit",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } "
             "survey_note { text: '" +
                 kMaxText + "' }",
             ""},
        Case{"text_over_limit",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } "
             "survey_note { text: '" +
                 kBig + "' }",
             "survey_note.text: is 16385 bytes, over the limit of 16384"},
        Case{"oops_summary_over_limit",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } "
             "oops { summary: '" +
                 kBig + "' }",
             "oops.summary: is 16385 bytes, over the limit of 16384"},
        Case{"score_5",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } survey_note { score: 5 }",
             ""},
        Case{"score_6",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } survey_note { score: 6 }",
             "survey_note.score: 6 is outside 0..5"},
        Case{"score_negative",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } survey_note { score: -1 }",
             "survey_note.score: -1 is outside 0..5"},
        Case{"negative_ack",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } page { time_to_ack { seconds: -5 } }",
             "page.time_to_ack: must not be negative"},
        Case{"urgency_unknown",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } page { urgency: 99 }",
             "page.urgency: 99 is not a teamload.v1.Urgency (one of "
             "URGENCY_UNSPECIFIED = 0, URGENCY_LOW = 1, URGENCY_HIGH = 2)"},
        Case{"urgency_negative",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } page { urgency: -1 }",
             "page.urgency: -1 is not a teamload.v1.Urgency (one of "
             "URGENCY_UNSPECIFIED = 0, URGENCY_LOW = 1, URGENCY_HIGH = 2)"},
        Case{"urgency_unspecified",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } page { urgency: URGENCY_UNSPECIFIED }",
             ""},
        Case{"negative_deferrals",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } deferral { times_deferred: -2 }",
             "deferral.times_deferred: -2 must not be negative"},
        Case{"written_up_in_future",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } "
             "oops { written_up_at { seconds: 1900000000 } }",
             "oops.written_up_at: 2030-03-17T17:46:40Z is more than a day in "
             "the future (now "
             "2026-11-27T00:00:00Z)"},
        Case{"migration_planned_years_ahead",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } migration { name: 'pg16' planned_end { seconds: "
             "1900000000 } }",
             ""},
        Case{"migration_planned_before_2000",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } migration { planned_end { seconds: 86400 } }",
             "migration.planned_end: 1970-01-02T00:00:00Z is before "
             "2000-01-01"},
        Case{"migration_finished_in_future",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } migration { finished_at { seconds: 1900000000 } }",
             "migration.finished_at: 2030-03-17T17:46:40Z is more than a day "
             "in the future (now 2026-11-27T00:00:00Z)"},
        Case{"migration_finished_before_start",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } migration { finished_at { seconds: 1795600000 } }",
             "migration.finished_at: is before the migration started "
             "(occurred_at)"},
        Case{"migration_retro_in_future",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } migration { retro_written_at { seconds: "
             "1900000000 } }",
             "migration.retro_written_at: 2030-03-17T17:46:40Z is more than a "
             "day in the future (now 2026-11-27T00:00:00Z)"},
        Case{"migration_title_over_limit",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } migration { title: '" +
                 kBig + "' }",
             "migration.title: is 16385 bytes, over the limit of 16384"},
        Case{"deploy_ok",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } deploy { service: 'api' outcome: "
             "DEPLOY_OUTCOME_FAILED caused_incident: true lead_time { "
             "seconds: 3600 } }",
             ""},
        Case{"deploy_negative_lead_time",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } deploy { lead_time { seconds: -1 } }",
             "deploy.lead_time: must not be negative"},
        Case{"deploy_outcome_unknown",
             "id: 'x' team: 'payments' source: 's' occurred_at { seconds: "
             "1795700000 } deploy { outcome: 7 }",
             "deploy.outcome: 7 is not a teamload.v1.DeployOutcome (one of "
             "DEPLOY_OUTCOME_UNSPECIFIED = 0, DEPLOY_OUTCOME_SUCCEEDED = 1, "
             "DEPLOY_OUTCOME_FAILED = 2)"}),
    [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(ValidateCoverageTest, NamesTheFieldAndTheRule) {
  teamload::v1::Coverage coverage;
  coverage.set_team("payments");
  coverage.set_source("jira");
  EXPECT_EQ(ValidateCoverage(coverage, KnownTeam, kNow),
            absl::InvalidArgumentError("covered_through: is required"));
  coverage.mutable_covered_through()->set_seconds(1'795'700'000);
  EXPECT_TRUE(ValidateCoverage(coverage, KnownTeam, kNow).ok());
  coverage.set_team("billing");
  EXPECT_EQ(ValidateCoverage(coverage, KnownTeam, kNow),
            absl::InvalidArgumentError(
                "team: unknown team \"billing\" (not in teamloadd's config)"));
  coverage.set_team("payments");
  coverage.clear_source();
  EXPECT_EQ(ValidateCoverage(coverage, KnownTeam, kNow),
            absl::InvalidArgumentError("source: must not be empty"));
}

}  // namespace
}  // namespace teamload::ingest
