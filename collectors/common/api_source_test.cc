#include "collectors/common/api_source.h"

#include <cstdlib>

#include "gtest/gtest.h"

namespace teamload::collectors {
namespace {

TEST(AuthorizationHeaderTest, EachSchemeAsItsApiDocumentsIt) {
  EXPECT_EQ(*AuthorizationHeader("token", "y_NbAkKc66ryYTWUXYEu"),
            "Token token=y_NbAkKc66ryYTWUXYEu");
  EXPECT_EQ(*AuthorizationHeader("bearer", "abc"), "Bearer abc");
  EXPECT_EQ(*AuthorizationHeader("basic", "me@example.com:tok"),
            "Basic bWVAZXhhbXBsZS5jb206dG9r");
  EXPECT_EQ(AuthorizationHeader("digest", "x").status().message(),
            "--auth: \"digest\" is not one of token, bearer, basic");
}

TEST(AuthorizationFromEnvTest, ReadsTheNamedVariable) {
  ApiFlags flags{.url = "http://x",
                 .token_env = "TEAMLOAD_TEST_TOKEN_A",
                 .auth = "bearer"};
  ::setenv("TEAMLOAD_TEST_TOKEN_A", "t0k", 1);
  EXPECT_EQ(*AuthorizationFromEnv(flags), "Bearer t0k");
}

TEST(AuthorizationFromEnvTest, NamesTheVariableWhenUnsetOrEmpty) {
  ApiFlags flags{.url = "http://x",
                 .token_env = "TEAMLOAD_TEST_TOKEN_UNSET",
                 .auth = "token"};
  ::unsetenv("TEAMLOAD_TEST_TOKEN_UNSET");
  absl::StatusOr<std::string> unset = AuthorizationFromEnv(flags);
  EXPECT_EQ(unset.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(unset.status().message(),
            "the API token is read from the environment variable "
            "TEAMLOAD_TEST_TOKEN_UNSET, which is unset (--api-token-env names "
            "another)");
  ::setenv("TEAMLOAD_TEST_TOKEN_UNSET", "", 1);
  EXPECT_EQ(AuthorizationFromEnv(flags).status().message(),
            "the API token is read from the environment variable "
            "TEAMLOAD_TEST_TOKEN_UNSET, which is empty (--api-token-env names "
            "another)");
}

TEST(ApiFlagsTest, FilesOrApiUrlButNotBoth) {
  const auto parse = [](std::vector<std::string> args) {
    CLI::App app{"test", "teamload-test"};
    std::vector<std::string> inputs;
    app.add_option("INPUTS", inputs)->required();
    ApiFlags flags;
    AddApiFlags(app, flags, "TEST_TOKEN", "token");
    std::reverse(args.begin(), args.end());
    try {
      app.parse(args);
    } catch (const CLI::ParseError& e) {
      return std::string(e.what());
    }
    return "ok " + flags.url + " " + flags.token_env + " " + flags.auth;
  };
  EXPECT_EQ(parse({"--api-url", "https://api.pagerduty.com"}),
            "ok https://api.pagerduty.com TEST_TOKEN token");
  EXPECT_EQ(parse({"--api-url", "http://h", "--api-token-env", "MY_PD", "--auth",
                   "bearer"}),
            "ok http://h MY_PD bearer");
  EXPECT_EQ(parse({"a.json"}), "ok  TEST_TOKEN token");
  EXPECT_EQ(parse({}),
            "INPUTS (files or folders) or --api-url is required");
  EXPECT_EQ(parse({"--api-url", "http://h", "a.json"}),
            "INPUTS excludes --api-url");
}

TEST(ApiUrlTest, JoinsBaseAndPath) {
  EXPECT_EQ(ApiUrl("https://api.pagerduty.com", "/incidents"),
            "https://api.pagerduty.com/incidents");
  EXPECT_EQ(ApiUrl("https://jira.example.com/", "/rest/api/2/search"),
            "https://jira.example.com/rest/api/2/search");
}

}  // namespace
}  // namespace teamload::collectors
