// ReportService in process (api/testing.h): a configured report rendered on
// demand, as of a moment or as of the daemon's clock, and unknown reports
// named.
#include "daemon/api/report_service.h"

#include "absl/strings/str_cat.h"
#include "daemon/api/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::api {
namespace {

using ::testing::HasSubstr;
using testing::kNow;
using ::testing::StartsWith;
using testing::Timestamp;

std::string Config() {
  return absl::StrCat(testing::kPaymentsAndSearch, R"yaml(
reports:
  - name: weekly
    schedule: Mon 09:00 Europe/Berlin
    teams: ["*"]
  - name: payments-only
    schedule: Mon 09:00 Europe/Berlin
    teams: [payments]
    formats: [markdown]
)yaml");
}

class ReportServiceTest : public testing::ServiceTest {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(Start(Config())); }

  grpc::Status Render(const std::string& name, std::optional<absl::Time> as_of,
                      v1::RenderedReport* rendered) {
    grpc::ClientContext context;
    v1::RenderReportRequest request;
    request.set_name(name);
    if (as_of.has_value()) *request.mutable_as_of() = Timestamp(*as_of);
    return reports_->RenderReport(&context, request, rendered);
  }
};

TEST_F(ReportServiceTest, RendersAConfiguredReportAsOfTheMomentAsked) {
  IngestOk(testing::NightOfPages());

  v1::RenderedReport weekly;
  // Monday 2026-11-23 09:00 Berlin, the week before.
  const absl::Time monday = absl::FromUnixSeconds(1'795'420'800);
  grpc::Status status = Render("weekly", monday, &weekly);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(weekly.name(), "weekly");
  EXPECT_EQ(weekly.as_of().seconds(), absl::ToUnixSeconds(monday));
  EXPECT_EQ(weekly.date(), "2026-11-23");
  EXPECT_EQ(weekly.title(), "Team load report weekly, 2026-11-23");
  EXPECT_THAT(weekly.markdown(),
              StartsWith("# Team load report weekly, 2026-11-23\n"));
  EXPECT_THAT(weekly.markdown(), HasSubstr("| payments | - | - | - | - |\n"));
  EXPECT_THAT(weekly.markdown(), HasSubstr("| search | - | - | - | - |\n"));
  EXPECT_THAT(weekly.html(), StartsWith("<!DOCTYPE html>"));

  // Unset as_of: now on the daemon's clock, after the night of pages.
  status = Render("weekly", std::nullopt, &weekly);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(weekly.as_of().seconds(), absl::ToUnixSeconds(kNow));
  EXPECT_EQ(weekly.date(), "2026-11-26");
  EXPECT_THAT(weekly.markdown(), HasSubstr("| payments | **ATTENTION**"));
  EXPECT_THAT(weekly.markdown(), HasSubstr("| search | - | - | - | - |\n"));
  EXPECT_THAT(weekly.markdown(), HasSubstr("\n## payments\n"));

  v1::RenderedReport markdown_only;
  ASSERT_TRUE(Render("payments-only", kNow, &markdown_only).ok());
  EXPECT_THAT(markdown_only.markdown(), HasSubstr("\n## payments\n"));
  EXPECT_THAT(markdown_only.markdown(),
              ::testing::Not(HasSubstr("| search |")));
}

TEST_F(ReportServiceTest, AnUnknownReportIsNotFoundNamingTheConfiguredOnes) {
  v1::RenderedReport rendered;
  grpc::Status status = Render("nope", kNow, &rendered);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(),
            "no report \"nope\" (configured: weekly, payments-only)");
}

TEST_F(ReportServiceTest, AnAsOfInTheFutureOfTheDaemonsClockIsRefused) {
  v1::RenderedReport rendered;
  grpc::Status status = Render("weekly", kNow + absl::Hours(25), &rendered);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "as_of: 2026-11-27T12:00:00Z is more than a day in the future "
            "(now 2026-11-26T11:00:00Z)");
}

}  // namespace
}  // namespace teamload::api
