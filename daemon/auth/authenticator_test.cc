#include "daemon/auth/authenticator.h"

#include <vector>

#include "client/token.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::auth {
namespace {

using ::testing::HasSubstr;

class CountingObserver : public AuthObserver {
 public:
  void AuthFailed(AuthFailure failure) override { failures.push_back(failure); }
  std::vector<AuthFailure> failures;
};

class AuthenticatorTest : public ::testing::Test {
 protected:
  AuthenticatorTest()
      : authenticator_({{.name = "payments-lead",
                         .sha256 = client::TokenDigest("tl_reader"),
                         .role = config::Role::kReader,
                         .teams = {"payments", "payments-*"}},
                        {.name = "prometheus",
                         .sha256 = client::TokenDigest("tl_metrics"),
                         .role = config::Role::kMetrics}},
                       &clock_, &observer_) {}

  util::SystemClock clock_;
  CountingObserver observer_;
  Authenticator authenticator_;
};

TEST_F(AuthenticatorTest, KnowsATokenByItsDigest) {
  absl::StatusOr<Caller> caller =
      authenticator_.FromHeader("Bearer tl_reader", "ipv4:10.0.0.1:5000");
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->name, "payments-lead");
  EXPECT_EQ(caller->role, config::Role::kReader);
  EXPECT_TRUE(caller->Sees("payments"));
  EXPECT_TRUE(caller->Sees("payments-api"));
  EXPECT_FALSE(caller->Sees("search"));
  EXPECT_EQ(caller->ScopeText(), "payments, payments-*");
  EXPECT_TRUE(authenticator_.FromHeader("bearer tl_reader", "p").ok());
  EXPECT_TRUE(observer_.failures.empty());
}

TEST_F(AuthenticatorTest, RefusesMissingMalformedAndUnknownTokens) {
  const absl::Status missing = authenticator_.FromHeader("", "p").status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(missing.message(), HasSubstr("this call needs a token"));
  const absl::Status basic =
      authenticator_.FromHeader("Basic dXNlcjpwYXNz", "p").status();
  EXPECT_EQ(basic.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(basic.message(), HasSubstr("must read \"Bearer TOKEN\""));
  const absl::Status unknown =
      authenticator_.FromHeader("Bearer tl_guess", "p").status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(unknown.message(), HasSubstr("not one teamloadd knows"));
  EXPECT_THAT(unknown.message(), ::testing::Not(HasSubstr("tl_guess")));
  EXPECT_THAT(
      observer_.failures,
      ::testing::ElementsAre(AuthFailure::kMissing, AuthFailure::kMalformed,
                             AuthFailure::kUnknown));
}

TEST_F(AuthenticatorTest, RolesGrantTheirRightsOnly) {
  const Caller reader = *authenticator_.FromToken("tl_reader", "p");
  const Caller metrics = *authenticator_.FromToken("tl_metrics", "p");
  EXPECT_TRUE(
      authenticator_.Check(reader, Right::kRead, "ListTeams", "p").ok());
  const absl::Status denied =
      authenticator_.Check(reader, Right::kIngest, "Ingest", "p");
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(denied.message(),
            "token \"payments-lead\" has role reader, which may not call "
            "Ingest (it needs collector or admin)");
  EXPECT_TRUE(
      authenticator_.Check(metrics, Right::kMetrics, "/metrics", "p").ok());
  EXPECT_FALSE(
      authenticator_.Check(metrics, Right::kRead, "ListTeams", "p").ok());
  EXPECT_FALSE(metrics.Sees("payments"));  // a metrics token has no teams
  EXPECT_THAT(observer_.failures, ::testing::ElementsAre(AuthFailure::kDenied,
                                                         AuthFailure::kDenied));
  const Caller local = Caller::Local();
  for (Right right : {Right::kIngest, Right::kRead, Right::kMetrics}) {
    EXPECT_TRUE(local.May(right)) << RightName(right);
  }
  EXPECT_TRUE(local.Sees("anything"));
}

}  // namespace
}  // namespace teamload::auth
