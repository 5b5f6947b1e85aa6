// What only PostgreSQL does: migrations under an advisory lock, a schema
// Citus can distribute by team, lost connections and their recovery, URLs
// and passwords. The behaviour both stores share is in store_contract.h.
#include "daemon/store/postgres_store.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "daemon/store/postgres_schema.h"
#include "daemon/store/store.h"
#include "daemon/store/testing.h"
#include "daemon/store/testing_postgres.h"
#include "daemon/util/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::store {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::PostgresCluster;

std::string DatabaseOf(const std::string& url) {
  return url.substr(url.rfind('/') + 1);
}

std::unique_ptr<Store> OpenOrDie(const std::string& url,
                                 const OpenOptions& options = {}) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(url, options);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

std::vector<std::string> Column(
    const absl::StatusOr<std::vector<std::vector<std::string>>>& rows) {
  EXPECT_TRUE(rows.ok()) << rows.status();
  std::vector<std::string> column;
  if (rows.ok()) {
    for (const auto& row : *rows) column.push_back(row.at(0));
  }
  return column;
}

// Every way a table in `database` would stop Citus from distributing it by
// team, one line each; read from PostgreSQL's own catalog.
std::vector<std::string> DistributionProblems(const std::string& database) {
  PostgresCluster& cluster = PostgresCluster::Shared();
  std::vector<std::string> problems;
  for (const std::string& table : Column(cluster.Query(database, R"sql(
        SELECT t.table_name || ' has no team column' FROM
        information_schema.tables t WHERE t.table_schema = 'public'
        AND t.table_type = 'BASE TABLE' AND NOT EXISTS (
          SELECT 1 FROM information_schema.columns c
          WHERE c.table_schema = t.table_schema
          AND c.table_name = t.table_name AND c.column_name = 'team')
        ORDER BY 1)sql"))) {
    problems.push_back(table);
  }
  for (const std::string& key : Column(cluster.Query(database, R"sql(
        SELECT t.relname || '.' || i.relname || ' starts with ' ||
               coalesce(a.attname, 'an expression')
        FROM pg_index x
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = t.oid
                                AND a.attnum = x.indkey[0]
        WHERE n.nspname = 'public' AND (x.indisunique OR x.indisprimary)
        AND coalesce(a.attname, '') <> 'team'
        ORDER BY 1)sql"))) {
    problems.push_back(key);
  }
  return problems;
}

TEST(PostgresStoreTest, EveryTableAndUniqueKeyLeadsWithTeam) {
  const std::string url = testing::NewPostgresUrl();
  ASSERT_NE(OpenOrDie(url), nullptr);
  EXPECT_THAT(DistributionProblems(DatabaseOf(url)), IsEmpty());
  // The check itself sees a table Citus could not distribute by team.
  ASSERT_TRUE(PostgresCluster::Shared()
                  .Query(DatabaseOf(url),
                         "CREATE TABLE bad (id text PRIMARY KEY, team text, "
                         "UNIQUE (team, id)); CREATE TABLE worse (id text)")
                  .ok());
  EXPECT_THAT(DistributionProblems(DatabaseOf(url)),
              ::testing::UnorderedElementsAre("bad.bad_pkey starts with id",
                                              "worse has no team column"));
}

TEST(PostgresStoreTest, CitusScriptDistributesEveryTableByTeam) {
  const std::string url = testing::NewPostgresUrl();
  ASSERT_NE(OpenOrDie(url), nullptr);
  std::ifstream file(TEAMLOAD_SOURCE_DIR "/deploy/postgres/citus.sql");
  ASSERT_TRUE(file) << "deploy/postgres/citus.sql";
  std::stringstream text;
  text << file.rdbuf();
  const std::string script = text.str();
  std::set<std::string> distributed;
  const std::regex call(
      R"(create_distributed_table\('([a-z_]+)',\s*'team'(, colocate_with => '[a-z_]+')?\))");
  for (auto it = std::sregex_iterator(script.begin(), script.end(), call);
       it != std::sregex_iterator(); ++it) {
    distributed.insert((*it)[1]);
  }
  const std::vector<std::string> tables =
      Column(PostgresCluster::Shared().Query(
          DatabaseOf(url),
          "SELECT table_name FROM information_schema.tables WHERE "
          "table_schema = 'public' ORDER BY 1"));
  EXPECT_EQ(distributed, std::set<std::string>(tables.begin(), tables.end()));
}

// Whether `sql`'s one value is "t" (or "1") within 30 s of asking.
bool BecomesTrue(const std::string& database, const std::string& sql) {
  for (int i = 0; i < 1500; ++i) {
    const std::vector<std::string> value =
        Column(PostgresCluster::Shared().Query(database, sql));
    if (!value.empty() && (value[0] == "t" || value[0] == "1")) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// The classic trap of a feed read as "position > last seen": a transaction
// takes a smaller position but commits after a reader has seen a larger one.
// Here the first writer takes its position and stalls before committing;
// the second must wait for it (positions are taken only under the write
// lock, held until commit), the reader sees neither meanwhile, and then
// both, in commit order.
TEST(PostgresStoreTest, TheFeedSkipsNoCommitThatTookItsPositionEarlier) {
  const std::string url = testing::NewPostgresUrl();
  const std::string database = DatabaseOf(url);
  std::unique_ptr<Store> slow = OpenOrDie(url);
  std::unique_ptr<Store> fast = OpenOrDie(url);
  std::unique_ptr<Store> reader = OpenOrDie(url);
  ASSERT_NE(reader, nullptr);
  // Once "pd:slow" has its position, its transaction waits for the gate.
  ASSERT_TRUE(PostgresCluster::Shared()
                  .Query(database, R"sql(
        CREATE TABLE gate (team text, open boolean);
        INSERT INTO gate VALUES ('', false);
        CREATE FUNCTION stall() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.id = 'pd:slow' THEN
            WHILE NOT (SELECT open FROM gate) LOOP
              PERFORM pg_sleep(0.01);
            END LOOP;
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER stall AFTER INSERT ON signal_revisions
          FOR EACH ROW EXECUTE FUNCTION stall();)sql")
                  .ok());
  const auto page = [](const std::string& id) {
    return Revision{.id = id,
                    .revision = 1,
                    .team = "payments",
                    .kind = "page",
                    .occurred_at = absl::FromUnixSeconds(1'795'000'000),
                    .received_at = absl::FromUnixSeconds(1'795'000'100),
                    .body = id};
  };
  absl::Status slow_written;
  std::thread slow_writer(
      [&] { slow_written = slow->Write({.revisions = {page("pd:slow")}}); });
  ASSERT_TRUE(BecomesTrue(database, "SELECT is_called FROM change_positions"));
  absl::Status fast_written;
  std::thread fast_writer(
      [&] { fast_written = fast->Write({.revisions = {page("pd:fast")}}); });
  ASSERT_TRUE(BecomesTrue(
      database,
      absl::StrCat("SELECT count(*) FROM pg_locks WHERE locktype = "
                   "'advisory' AND NOT granted AND classid = ",
                   kAdvisoryLockClass, " AND objid = ", kWriteLockKey)));

  // Neither has committed: the reader sees nothing and stays where it was.
  absl::StatusOr<ChangeBatch> meanwhile = reader->ReadChangesSince(0, 100);
  ASSERT_TRUE(meanwhile.ok()) << meanwhile.status();
  EXPECT_THAT(meanwhile->revisions, IsEmpty());
  EXPECT_EQ(meanwhile->cursor, 0);

  ASSERT_TRUE(PostgresCluster::Shared()
                  .Query(database, "UPDATE gate SET open = true")
                  .ok());
  slow_writer.join();
  fast_writer.join();
  EXPECT_TRUE(slow_written.ok()) << slow_written;
  EXPECT_TRUE(fast_written.ok()) << fast_written;
  absl::StatusOr<ChangeBatch> after =
      reader->ReadChangesSince(meanwhile->cursor, 100);
  ASSERT_TRUE(after.ok()) << after.status();
  std::vector<std::string> ids;
  for (const Revision& r : after->revisions) ids.push_back(r.id);
  EXPECT_THAT(ids, ::testing::ElementsAre("pd:slow", "pd:fast"));
}

TEST(PostgresStoreTest, AReplicaHearsAnotherOnesCommit) {
  const std::string url = testing::NewPostgresUrl();
  std::unique_ptr<Store> listening = OpenOrDie(url);
  std::unique_ptr<Store> writing = OpenOrDie(url);
  ASSERT_NE(writing, nullptr);
  // Listening starts with the first wait; nothing has been written.
  absl::StatusOr<bool> quiet =
      listening->AwaitChangeNotice(absl::Milliseconds(50));
  ASSERT_TRUE(quiet.ok()) << quiet.status();
  EXPECT_FALSE(*quiet);
  ASSERT_TRUE(writing
                  ->Write({.coverage = {{"payments", "pagerduty",
                                         absl::FromUnixSeconds(1)}}})
                  .ok());
  absl::StatusOr<bool> heard = listening->AwaitChangeNotice(absl::Seconds(10));
  ASSERT_TRUE(heard.ok()) << heard.status();
  EXPECT_TRUE(*heard);
}

TEST(PostgresStoreTest, MigrationsRunOnceWhenStoresStartTogether) {
  const std::string url = testing::NewPostgresUrl();
  constexpr int kReplicas = 4;
  std::vector<absl::Status> opened(kReplicas);
  std::vector<std::thread> replicas;
  for (int i = 0; i < kReplicas; ++i) {
    replicas.emplace_back([&, i] { opened[i] = Store::Open(url).status(); });
  }
  for (std::thread& replica : replicas) replica.join();
  for (const absl::Status& status : opened) EXPECT_TRUE(status.ok()) << status;
  EXPECT_THAT(
      Column(PostgresCluster::Shared().Query(
          DatabaseOf(url), "SELECT count(*) FROM schema_migrations")),
      ::testing::ElementsAre(absl::StrCat(LatestPostgresSchemaVersion())));
  EXPECT_EQ(*OpenOrDie(url)->SchemaVersion(), LatestPostgresSchemaVersion());
}

TEST(PostgresStoreTest, RefusesADatabaseFromANewerTeamloadd) {
  const std::string url = testing::NewPostgresUrl();
  ASSERT_NE(OpenOrDie(url), nullptr);
  ASSERT_TRUE(PostgresCluster::Shared()
                  .Query(DatabaseOf(url),
                         "INSERT INTO schema_migrations (version) VALUES (999)")
                  .ok());
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(url);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr(absl::StrCat(
                  "schema version 999 but this teamloadd knows only up to ",
                  LatestPostgresSchemaVersion(), "; run a newer teamloadd")));
}

TEST(PostgresStoreTest, ALostConnectionIsUnavailableThenTheStoreReconnects) {
  const std::string url = testing::NewPostgresUrl();
  ::setenv("TEAMLOAD_TEST_DB_PASSWORD", "hunter2-never-shown", 1);
  util::FakeClock clock(absl::FromUnixSeconds(1'795'000'000));
  std::unique_ptr<Store> store = OpenOrDie(
      url, {.password_env = "TEAMLOAD_TEST_DB_PASSWORD", .clock = &clock});
  ASSERT_NE(store, nullptr);
  const auto revision = [](const std::string& id) {
    return Revision{.id = id,
                    .revision = 1,
                    .team = "payments",
                    .kind = "page",
                    .body = id};
  };
  ASSERT_TRUE(store->Write({.revisions = {revision("pd:before")}}).ok());

  // The server ends the session (a restart or a failover looks the same).
  ASSERT_THAT(Column(PostgresCluster::Shared().Query(
                  DatabaseOf(url),
                  "SELECT count(pg_terminate_backend(pid)) FROM "
                  "pg_stat_activity WHERE application_name = 'teamloadd' "
                  "AND datname = current_database()")),
              ::testing::ElementsAre("1"));
  const std::string where =
      absl::StrCat("127.0.0.1:", PostgresCluster::Shared().port());
  absl::Status lost = store->Write({.revisions = {revision("pd:during")}});
  EXPECT_EQ(lost.code(), absl::StatusCode::kUnavailable) << lost;
  EXPECT_THAT(std::string(lost.message()), HasSubstr(where));
  EXPECT_THAT(std::string(lost.message()), Not(HasSubstr("hunter2")));

  // Within the backoff the store answers at once, without connecting.
  absl::Status waiting = store->Write({.revisions = {revision("pd:during")}});
  EXPECT_EQ(waiting.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(waiting.message()), HasSubstr("trying again in"));
  EXPECT_THAT(std::string(waiting.message()), Not(HasSubstr("hunter2")));

  clock.Advance(absl::Seconds(1));
  const absl::Status again =
      store->Write({.revisions = {revision("pd:during")}});
  EXPECT_TRUE(again.ok()) << again;
  EXPECT_EQ(*store->TeamOf("pd:before"), "payments");
  EXPECT_EQ(store->Revisions("pd:during")->size(), 1u);
}

TEST(PostgresStoreTest, NoServerIsUnavailableNamingTheHosts) {
  // Port 1 on loopback: nothing listens there.
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(
      "postgresql://teamload@127.0.0.1:1,localhost:1/teamload?"
      "target_session_attrs=read-write");
  EXPECT_EQ(store.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr("postgresql://127.0.0.1:1,localhost:1/teamload: "
                        "connecting: the connection failed"));
}

TEST(PostgresStoreTest, APasswordInTheUrlIsRefusedWithoutShowingIt) {
  for (const char* url : {"postgresql://teamload:hunter2@db/teamload",
                          "postgres://teamload@db/teamload?password=hunter2"}) {
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(url);
    EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument) << url;
    EXPECT_THAT(std::string(store.status().message()),
                HasSubstr("the URL holds a password"));
    EXPECT_THAT(std::string(store.status().message()),
                Not(HasSubstr("hunter2")));
  }
}

TEST(PostgresStoreTest, AnUnsetPasswordVariableIsNamed) {
  ::unsetenv("TEAMLOAD_TEST_UNSET_PASSWORD");
  absl::StatusOr<std::unique_ptr<Store>> store =
      Store::Open("postgresql://teamload@db:5433/teamload",
                  {.password_env = "TEAMLOAD_TEST_UNSET_PASSWORD"});
  EXPECT_EQ(store.status(),
            absl::FailedPreconditionError(
                "postgresql://db:5433/teamload: the environment variable "
                "TEAMLOAD_TEST_UNSET_PASSWORD (store_password_env) is not "
                "set"));
}

}  // namespace
}  // namespace teamload::store
