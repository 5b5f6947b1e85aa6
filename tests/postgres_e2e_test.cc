// teamloadd with a PostgreSQL store, as an operator runs it: `teamloadd
// migrate --config FILE` against a throwaway server (testing_postgres.h).
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "daemon/store/testing.h"
#include "daemon/store/testing_postgres.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::testing {
namespace {

using ::teamload::store::testing::PostgresCluster;
using ::testing::HasSubstr;

std::string WriteConfig(const TempDir& dir, const std::string& store_keys) {
  const std::string path = (dir.path() / "teamload.yaml").string();
  std::ofstream(path) << store_keys
                      << "\ninsecure_local: true\nteams: [{name: payments}]\n";
  return path;
}

TEST(PostgresE2eTest, MigrateAppliesTheSchemaOnceAndExits) {
  TempDir dir;
  const std::string url = store::testing::NewPostgresUrl();
  const std::string config = WriteConfig(
      dir, absl::StrCat("store: ", url,
                        "\nstore_password_env: TEAMLOAD_TEST_DB_PASSWORD"));
  ::setenv("TEAMLOAD_TEST_DB_PASSWORD", "hunter2-never-shown", 1);
  for (int run = 0; run < 2; ++run) {
    const ProcessResult migrated =
        testing::Run({TeamloaddPath(), "migrate", "--config", config});
    EXPECT_EQ(migrated.exit_code, 0) << migrated.err;
    EXPECT_THAT(migrated.err,
                HasSubstr(absl::StrCat(url, " is at schema version 3")));
    EXPECT_THAT(migrated.err, ::testing::Not(HasSubstr("hunter2")));
  }
  const std::string database = url.substr(url.rfind('/') + 1);
  absl::StatusOr<std::vector<std::vector<std::string>>> applied =
      PostgresCluster::Shared().Query(database,
                                      "SELECT version FROM schema_migrations "
                                      "ORDER BY version");
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(*applied,
            (std::vector<std::vector<std::string>>{{"1"}, {"2"}, {"3"}}));
}

TEST(PostgresE2eTest, MigrateNamesAServerThatDoesNotAnswer) {
  TempDir dir;
  const std::string config =
      WriteConfig(dir, absl::StrCat("store: postgresql://teamload@127.0.0.1:",
                                    FreeLoopbackPort(), "/teamload"));
  const ProcessResult migrated =
      testing::Run({TeamloaddPath(), "migrate", "--config", config});
  EXPECT_EQ(migrated.exit_code, 1);
  EXPECT_THAT(migrated.err, HasSubstr("cannot migrate the store: "
                                      "postgresql://127.0.0.1:"));
  EXPECT_THAT(migrated.err, HasSubstr("connecting: the connection failed"));
}

TEST(PostgresE2eTest, APasswordInTheConfigIsRefusedAtCheck) {
  TempDir dir;
  const std::string config =
      WriteConfig(dir, "store: postgresql://teamload:hunter2@db/teamload");
  const ProcessResult checked =
      testing::Run({TeamloaddPath(), "--check-config", config});
  EXPECT_EQ(checked.exit_code, 1);
  EXPECT_THAT(checked.err,
              HasSubstr("teamload.yaml:1:8: store: never put the password in "
                        "the file"));
  EXPECT_THAT(checked.err, ::testing::Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace teamload::testing
