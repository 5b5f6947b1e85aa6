#include "daemon/config/store_section.h"

#include "absl/strings/str_cat.h"
#include "daemon/config/config.h"
#include "daemon/config/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::config {
namespace {

using ::teamload::config::testing::BadInput;
using ::teamload::config::testing::ExpectRefused;
using ::testing::HasSubstr;
using ::testing::Not;

absl::StatusOr<Config> Parse(absl::string_view store_keys) {
  return ParseConfig(
      absl::StrCat(store_keys, "\n", testing::kPaymentsAndSearch),
      "/etc/teamload/teamload.yaml");
}

TEST(StoreSectionTest, TakesAnyLibpqUrlAsItIs) {
  for (const char* url :
       {"postgresql://teamload@db1:5432,db2:5432/teamload?"
        "target_session_attrs=read-write",
        "postgres://teamload@db.internal/teamload?sslmode=verify-full",
        "postgresql://%2Fvar%2Frun%2Fpostgresql/teamload"}) {
    absl::StatusOr<Config> config = Parse(absl::StrCat("store: ", url));
    ASSERT_TRUE(config.ok()) << config.status();
    EXPECT_EQ(config->store, url);
    EXPECT_EQ(config->store_password_env, "");
    // Reports have no SQLite file to sit beside: the config's folder.
    EXPECT_EQ(config->reports_dir, "/etc/teamload/reports");
  }
}

TEST(StoreSectionTest, ThePasswordComesFromANamedVariable) {
  absl::StatusOr<Config> config = Parse(
      "store: postgresql://teamload@db/teamload\n"
      "store_password_env: TEAMLOAD_DB_PASSWORD");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->store_password_env, "TEAMLOAD_DB_PASSWORD");
}

TEST(StoreSectionTest, APasswordInTheUrlIsRefusedWithoutRepeatingIt) {
  for (const char* url : {"postgresql://teamload:hunter2@db/teamload",
                          "postgres://teamload@db/teamload?password=hunter2",
                          "postgresql://teamload:hunter2@db/teamload?x=%zz"}) {
    absl::StatusOr<Config> config = Parse(absl::StrCat("store: ", url));
    ASSERT_FALSE(config.ok()) << url;
    ExpectRefused(config.status(),
                  "/etc/teamload/teamload.yaml:1:8: store: never put the "
                  "password in the file: set store_password_env to the name "
                  "of an environment variable that holds it, or use "
                  "PGPASSWORD or PGPASSFILE");
    EXPECT_THAT(std::string(config.status().message()),
                Not(HasSubstr("hunter2")));
  }
}

class BadStoreTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadStoreTest, NamesFileLineAndProblem) {
  absl::StatusOr<Config> config = ParseConfig(
      absl::StrCat(GetParam().text, "\nteams: [{name: a}]\n"), "t.yaml");
  ASSERT_FALSE(config.ok());
  ExpectRefused(config.status(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadStoreTest,
    ::testing::Values(
        BadInput{"store: mysql://db/teamload",
                 "t.yaml:1:8: store: \"mysql://db/teamload\" is not a store "
                 "URL (expected sqlite:PATH or postgresql://...)"},
        BadInput{"store: postgresql://db/teamload?nonsense=1",
                 "t.yaml:1:8: store: not a PostgreSQL connection URL: invalid "
                 "URI query parameter: \"nonsense\""},
        BadInput{"store: \"postgresql://[::1/teamload\"",
                 "t.yaml:1:8: store: not a PostgreSQL connection URL"},
        BadInput{"store: postgresql://db/teamload\nstore_password_env: 9LIVES",
                 "t.yaml:2:21: store_password_env: \"9LIVES\" is not an "
                 "environment variable name"},
        BadInput{"store: sqlite:x.db\nstore_password_env: PGPASS",
                 "t.yaml:2:21: store_password_env: only a PostgreSQL store "
                 "(store: postgresql://...) takes a password"},
        BadInput{"store: postgresql://db/teamload\nstore_password_env: [A]",
                 "t.yaml:2:21: store_password_env: must be"}));

}  // namespace
}  // namespace teamload::config
