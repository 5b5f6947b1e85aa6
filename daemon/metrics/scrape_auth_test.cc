#include "daemon/metrics/scrape_auth.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "client/token.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::metrics {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class CountingObserver : public auth::AuthObserver {
 public:
  void AuthFailed(auth::AuthFailure failure) override {
    failures.push_back(failure);
  }
  std::vector<auth::AuthFailure> failures;
};

config::TokenConfig Token(const char* name, const char* token,
                          config::Role role) {
  return {.name = name,
          .sha256 = client::TokenDigest(token),
          .role = role,
          .teams = {"*"}};
}

std::string Basic(const std::string& user_and_password) {
  return "Basic " + absl::Base64Escape(user_and_password);
}

class ScrapeAuthTest : public ::testing::Test {
 protected:
  absl::Status Admit(const std::string& authorization) {
    return AdmitScrape(authenticator_, authorization, "ipv4:10.0.0.9:4000");
  }

  util::SystemClock clock_;
  CountingObserver observer_;
  auth::Authenticator authenticator_{
      {Token("prometheus", "tl_metrics", config::Role::kMetrics),
       Token("ops", "tl_admin", config::Role::kAdmin),
       Token("payments-lead", "tl_reader", config::Role::kReader),
       Token("pagerduty", "tl_collector", config::Role::kCollector)},
      &clock_,
      &observer_};
};

TEST_F(ScrapeAuthTest, AdmitsMetricsAndAdminTokensAsBearerOrBasicPassword) {
  for (const std::string& header : std::vector<std::string>{
           "Bearer tl_metrics", "bearer tl_admin", " Bearer  tl_metrics ",
           Basic("prometheus:tl_metrics"), Basic(":tl_admin"),
           "basic " + absl::Base64Escape("any user:tl_metrics")}) {
    SCOPED_TRACE(header);
    EXPECT_TRUE(Admit(header).ok()) << Admit(header);
  }
  EXPECT_TRUE(observer_.failures.empty());
}

TEST_F(ScrapeAuthTest, MissingMalformedAndUnknownTokensAre401) {
  struct Case {
    std::string header;
    auth::AuthFailure failure;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{
           {"", auth::AuthFailure::kMissing, "needs a token"},
           {"Bearer ", auth::AuthFailure::kMalformed, "\"Bearer TOKEN\""},
           {Basic("prometheus:"), auth::AuthFailure::kMissing, "needs a token"},
           {"Bearer tl_guess", auth::AuthFailure::kUnknown,
            "not one teamloadd knows"},
           {Basic("prometheus:tl_guess"), auth::AuthFailure::kUnknown,
            "not one teamloadd knows"},
           {"Basic !!notbase64", auth::AuthFailure::kMalformed,
            "base64 of \"USER:TOKEN\""},
           {Basic("no colon"), auth::AuthFailure::kMalformed,
            "base64 of \"USER:TOKEN\""},
           {"Digest tl_metrics", auth::AuthFailure::kMalformed,
            "\"Bearer TOKEN\""},
           {"tl_metrics", auth::AuthFailure::kMalformed, "\"Bearer TOKEN\""},
       }) {
    SCOPED_TRACE(c.header);
    observer_.failures.clear();
    const absl::Status admitted = Admit(c.header);
    EXPECT_EQ(admitted.code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(ScrapeHttpStatus(admitted), 401);
    EXPECT_THAT(admitted.message(), HasSubstr(c.says));
    EXPECT_THAT(admitted.message(), Not(HasSubstr("tl_")));
    EXPECT_THAT(observer_.failures, ElementsAre(c.failure));
  }
}

TEST_F(ScrapeAuthTest, OtherRolesAre403) {
  for (const std::string& header : std::vector<std::string>{
           "Bearer tl_reader", "Bearer tl_collector", Basic("x:tl_reader")}) {
    SCOPED_TRACE(header);
    observer_.failures.clear();
    const absl::Status admitted = Admit(header);
    EXPECT_EQ(admitted.code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(ScrapeHttpStatus(admitted), 403);
    EXPECT_THAT(admitted.message(), HasSubstr("may not call /metrics"));
    EXPECT_THAT(admitted.message(), HasSubstr("metrics or admin"));
    EXPECT_THAT(observer_.failures, ElementsAre(auth::AuthFailure::kDenied));
  }
  EXPECT_EQ(ScrapeHttpStatus(absl::OkStatus()), 200);
}

}  // namespace
}  // namespace teamload::metrics
