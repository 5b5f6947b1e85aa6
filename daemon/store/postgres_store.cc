#include "daemon/store/postgres_store.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <pqxx/binarystring>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/notification>
#include <pqxx/pipeline>
#include <pqxx/result>
#include <pqxx/stream_to>
#include <pqxx/transaction>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "daemon/store/internal/change_feed.h"
#include "daemon/store/postgres_schema.h"
#include "daemon/store/postgres_target.h"
#include "daemon/util/clock.h"

namespace teamload::store {
namespace {

constexpr absl::Duration kFirstBackoff = absl::Milliseconds(100);
constexpr absl::Duration kMaxBackoff = absl::Seconds(5);
// Rows per FETCH of a scan: memory stays bounded, round trips few.
constexpr int kScanRows = 5000;

constexpr char kRevisionColumns[] =
    "team, id, revision, kind, occurred_at_us, received_at_us, body";

// Each connection's own staging table for coverage marks: a batch's marks
// are copied in, then merged into `coverage` in one statement. Emptied at
// every commit. (Revisions need no staging: new ones are copied straight
// into signal_revisions, with positions taken under the write lock.)
constexpr char kCreateStaging[] = R"sql(
  CREATE TEMP TABLE incoming_coverage (LIKE coverage) ON COMMIT DELETE ROWS;
  ALTER TABLE incoming_coverage DROP COLUMN position;
  CREATE TEMP TABLE erasing (id text COLLATE "C" NOT NULL)
    ON COMMIT DELETE ROWS;
)sql";

// Commits tell listeners (AwaitChangeNotice) on this channel.
constexpr char kChangesChannel[] = "teamload_changes";

// Prepared on every connection: name and SQL.
const std::vector<std::pair<const char*, std::string>>& Statements() {
  static const auto* statements =
      new std::vector<std::pair<const char*, std::string>>{
          // What is stored already of a batch's (id, revision) pairs,
          // whatever the team: $1 the ids, $2 their revisions (arrays of the
          // same length). One probe of the (id, revision) index each.
          {"stored_revisions",
           "SELECT s.id, s.revision, s.team, s.kind, s.body "
           "FROM unnest($1::text[], $2::bigint[]) AS i(id, revision) "
           "JOIN signal_revisions s "
           "ON s.id = i.id COLLATE \"C\" AND s.revision = i.revision"},
          // Takes $1 consecutive positions; returns the last. Only under
          // the write lock, like every position.
          {"take_positions",
           "SELECT setval('change_positions', "
           "nextval('change_positions') + $1::bigint - 1)"},
          // One mark per (team, source): ON CONFLICT DO UPDATE may touch a
          // row once per statement.
          // A mark that moves takes a new position; one that does not
          // move stays where it is.
          {"upsert_coverage",
           "INSERT INTO coverage (team, source, covered_through_us, position) "
           "SELECT team, source, max(covered_through_us), "
           "nextval('change_positions') FROM incoming_coverage "
           "GROUP BY team, source "
           "ON CONFLICT (team, source) DO UPDATE SET covered_through_us = "
           "excluded.covered_through_us, position = excluded.position "
           "WHERE excluded.covered_through_us > coverage.covered_through_us"},
          {"revisions_since",
           absl::StrFormat("SELECT %s, position FROM signal_revisions "
                           "WHERE position > $1 ORDER BY position LIMIT $2",
                           kRevisionColumns)},
          {"coverage_since",
           "SELECT team, source, covered_through_us, position FROM coverage "
           "WHERE position > $1 ORDER BY position LIMIT $2"},
          {"erasures_since",
           "SELECT team, id, position FROM signal_erasures "
           "WHERE position > $1 ORDER BY position LIMIT $2"},
          {"last_position",
           "SELECT greatest("
           "(SELECT coalesce(max(position), 0) FROM signal_revisions), "
           "(SELECT coalesce(max(position), 0) FROM coverage), "
           "(SELECT coalesce(max(position), 0) FROM signal_erasures))"},
          // The ids of `kind` whose latest revision occurred before $2.
          {"stage_expired",
           "INSERT INTO erasing (id) SELECT id FROM signal_revisions s "
           "WHERE kind = $1 AND occurred_at_us < $2 AND revision = (SELECT "
           "max(revision) FROM signal_revisions l WHERE l.team = s.team AND "
           "l.id = s.id)"},
          // Deletes every revision of the staged ids and records each
          // erased signal in the feed, in id order. Every WITH part runs to
          // completion whether or not the answer reads it.
          {"erase_staged",
           "WITH gone AS (DELETE FROM signal_revisions WHERE id IN (SELECT "
           "id FROM erasing) RETURNING team, id), "
           "counted AS (SELECT team, id, count(*) AS n FROM gone "
           "GROUP BY team, id), "
           "marked AS (INSERT INTO signal_erasures (team, id, position) "
           "SELECT team, id, nextval('change_positions') FROM (SELECT team, "
           "id FROM counted ORDER BY id, team) o RETURNING 1) "
           "SELECT team, id, n FROM counted ORDER BY id, team"},
          {"team_of",
           "SELECT team FROM signal_revisions WHERE id = $1 "
           "ORDER BY revision DESC LIMIT 1"},
          {"revisions",
           absl::StrFormat("SELECT %s FROM signal_revisions WHERE id = $1 "
                           "ORDER BY revision",
                           kRevisionColumns)},
          {"claim_slot",
           "INSERT INTO report_slots (team, report, slot_us) "
           "VALUES ('', $1, $2) ON CONFLICT DO NOTHING"},
      };
  return *statements;
}

// bytea's hex input form, "\x0a1b...", into `out` (reused across rows).
void ByteaHex(absl::string_view bytes, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out.resize(2 + 2 * bytes.size());
  out[0] = '\\';
  out[1] = 'x';
  char* to = out.data() + 2;
  for (const unsigned char c : bytes) {
    *to++ = kDigits[c >> 4];
    *to++ = kDigits[c & 0xf];
  }
}

// Appends `text` to `out` as an element of an array literal: quoted, with
// backslashes and quotes escaped (any other byte stands for itself there).
void AppendArrayElement(absl::string_view text, std::string& out) {
  out.push_back('"');
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

// The same revision (id and number) with the same team, kind and body: one
// written again, which is skipped rather than refused.
bool SameContent(const Revision& a, absl::string_view team,
                 absl::string_view kind, absl::string_view body) {
  return a.team == team && a.kind == kind && a.body == body;
}

// Fills `r` from a row of kRevisionColumns, reusing its strings' buffers.
void ReadRevision(const pqxx::row& row, Revision& r) {
  r.team.assign(row[0].c_str(), row[0].size());
  r.id.assign(row[1].c_str(), row[1].size());
  r.revision = row[2].as<int64_t>();
  r.kind.assign(row[3].c_str(), row[3].size());
  r.occurred_at = absl::FromUnixMicros(row[4].as<int64_t>());
  r.received_at = absl::FromUnixMicros(row[5].as<int64_t>());
  const pqxx::binarystring body(row[6]);
  r.body.assign(reinterpret_cast<const char*>(body.data()), body.size());
}

class PostgresStore final : public Store {
 public:
  PostgresStore(PostgresTarget target, const util::Clock* clock)
      : target_(std::move(target)), clock_(clock) {}

  absl::Status Connect() {
    absl::MutexLock lock(&writer_.mu);
    return ConnectLocked(writer_);
  }

  absl::Status Write(const WriteBatch& batch) override {
    if (batch.revisions.empty() && batch.coverage.empty()) {
      return absl::OkStatus();
    }
    const std::string doing =
        absl::StrFormat("writing %d revisions and %d coverage marks",
                        batch.revisions.size(), batch.coverage.size());
    // In (id, revision) order: positions go to an id's revisions oldest
    // first, and a revision given twice sits next to itself.
    std::vector<const Revision*> revisions;
    revisions.reserve(batch.revisions.size());
    for (const Revision& r : batch.revisions) revisions.push_back(&r);
    std::sort(revisions.begin(), revisions.end(),
              [](const Revision* a, const Revision* b) {
                return std::tie(a->id, a->revision) <
                       std::tie(b->id, b->revision);
              });
    return Run(writer_, doing, [&](pqxx::connection& c) -> absl::Status {
      pqxx::work txn(c);
      StageCoverage(txn, batch.coverage);
      // Staging needs no lock; checking, numbering and writing do
      // (kWriteLockKey, held until the commit is visible).
      txn.exec(absl::StrFormat("SELECT pg_advisory_xact_lock(%d, %d)",
                               kAdvisoryLockClass, kWriteLockKey));
      if (!revisions.empty()) {
        absl::StatusOr<std::vector<const Revision*>> unstored =
            Unstored(txn, revisions, doing);
        if (!unstored.ok()) return unstored.status();
        Append(txn, *unstored);
      }
      if (!batch.coverage.empty()) txn.exec_prepared0("upsert_coverage");
      // Delivered at commit, to every listening replica.
      txn.exec0(absl::StrCat("NOTIFY ", kChangesChannel));
      txn.commit();
      return absl::OkStatus();
    });
  }

  absl::Status ForEachRevision(
      absl::FunctionRef<absl::Status(const Revision&)> visit) override {
    Revision revision;
    return Scan("reading every revision",
                absl::StrFormat("SELECT %s FROM signal_revisions "
                                "ORDER BY id, revision",
                                kRevisionColumns),
                [&](const pqxx::row& row) {
                  ReadRevision(row, revision);
                  return visit(revision);
                });
  }

  absl::Status ForEachCoverage(
      absl::FunctionRef<absl::Status(const CoverageMark&)> visit) override {
    return Scan("reading coverage",
                "SELECT team, source, covered_through_us FROM coverage "
                "ORDER BY team, source",
                [&](const pqxx::row& row) {
                  return visit(
                      CoverageMark{row[0].c_str(), row[1].c_str(),
                                   absl::FromUnixMicros(row[2].as<int64_t>())});
                });
  }

  absl::StatusOr<std::vector<Revision>> Revisions(
      absl::string_view id) override {
    std::vector<Revision> revisions;
    absl::Status status =
        Run(writer_, "reading a signal's revisions", [&](pqxx::connection& c) {
          pqxx::nontransaction txn(c);
          for (const pqxx::row& row :
               txn.exec_prepared("revisions", std::string(id))) {
            ReadRevision(row, revisions.emplace_back());
          }
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    return revisions;
  }

  absl::StatusOr<std::string> TeamOf(absl::string_view id) override {
    std::string team;
    absl::Status status =
        Run(writer_, "reading a signal's team", [&](pqxx::connection& c) {
          pqxx::nontransaction txn(c);
          const pqxx::result row =
              txn.exec_prepared("team_of", std::string(id));
          if (!row.empty()) team = row[0][0].c_str();
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    return team;
  }

  absl::StatusOr<Erasure> EraseSignals(
      const std::vector<std::string>& ids) override {
    return Erase(absl::StrFormat("erasing %d signals", ids.size()),
                 [&](pqxx::work& txn) {
                   pqxx::stream_to copy(txn, "erasing",
                                        std::vector<std::string>{"id"});
                   for (const std::string& id : ids) {
                     copy << std::make_tuple(std::cref(id));
                   }
                   copy.complete();
                 });
  }

  absl::StatusOr<Erasure> EraseOccurredBefore(absl::string_view kind,
                                              absl::Time cutoff) override {
    return Erase(absl::StrFormat("erasing %s signals that occurred before %s",
                                 kind, absl::FormatTime(cutoff)),
                 [&](pqxx::work& txn) {
                   txn.exec_prepared0("stage_expired", std::string(kind),
                                      absl::ToUnixMicros(cutoff));
                 });
  }

  absl::StatusOr<bool> ClaimReportSlot(absl::string_view report,
                                       absl::Time slot) override {
    // One autocommitted statement: of several claimants, the primary key
    // lets exactly one insert the row.
    bool won = false;
    absl::Status status =
        Run(writer_,
            absl::StrFormat("claiming report %s slot %s", report,
                            absl::FormatTime(slot)),
            [&](pqxx::connection& c) {
              pqxx::nontransaction txn(c);
              won = txn.exec_prepared("claim_slot", std::string(report),
                                      absl::ToUnixMicros(slot))
                        .affected_rows() == 1;
              return absl::OkStatus();
            });
    if (!status.ok()) return status;
    return won;
  }

  absl::StatusOr<ChangeBatch> ReadChangesSince(int64_t cursor,
                                               int limit) override {
    std::vector<internal::Positioned<Revision>> revisions;
    std::vector<internal::Positioned<CoverageMark>> coverage;
    std::vector<internal::Positioned<SignalKey>> erased;
    absl::Status status =
        Run(feed_, "reading the change feed", [&](pqxx::connection& c) {
          // One snapshot for both tables. Positions are taken under the
          // write lock, which a writer holds until its commit is visible:
          // a snapshot sees every position up to its newest, so reading on
          // from the newest seen skips nothing.
          pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(c);
          for (const pqxx::row& row :
               txn.exec_prepared("revisions_since", cursor, limit)) {
            auto& r = revisions.emplace_back();
            ReadRevision(row, r.row);
            r.position = row[7].as<int64_t>();
          }
          for (const pqxx::row& row :
               txn.exec_prepared("coverage_since", cursor, limit)) {
            coverage.push_back(
                {row[3].as<int64_t>(),
                 CoverageMark{row[0].c_str(), row[1].c_str(),
                              absl::FromUnixMicros(row[2].as<int64_t>())}});
          }
          for (const pqxx::row& row :
               txn.exec_prepared("erasures_since", cursor, limit)) {
            erased.push_back({row[2].as<int64_t>(),
                              SignalKey{row[0].c_str(), row[1].c_str()}});
          }
          txn.commit();
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    return internal::InCommitOrder(cursor, limit, std::move(revisions),
                                   std::move(coverage), std::move(erased));
  }

  absl::StatusOr<int64_t> ChangeCursor() override {
    int64_t last = 0;
    absl::Status status =
        Run(writer_, "reading the change feed's end", [&](pqxx::connection& c) {
          pqxx::nontransaction txn(c);
          last = txn.exec_prepared1("last_position")[0].as<int64_t>();
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    return last;
  }

  absl::StatusOr<bool> AwaitChangeNotice(absl::Duration at_most) override {
    // A connection of its own: waiting on the writers' one would stall
    // them. Connected on first use; dropped when it fails.
    absl::MutexLock lock(&listen_mu_);
    try {
      if (listener_ == nullptr) {
        auto connection = std::make_unique<pqxx::connection>(target_.conninfo);
        auto receiver = std::make_unique<Receiver>(*connection);
        listener_ = std::move(connection);
        receiver_ = std::move(receiver);
      }
      receiver_->heard = false;
      const int64_t micros =
          std::max<int64_t>(0, absl::ToInt64Microseconds(at_most));
      if (listener_->get_notifs() == 0) {
        listener_->await_notification(micros / 1'000'000, micros % 1'000'000);
      }
      return receiver_->heard;
    } catch (const std::exception& e) {
      receiver_.reset();
      listener_.reset();
      return ClassifyPostgresFailure(e, target_.where, "listening for changes")
          .status;
    }
  }

  absl::StatusOr<int> SchemaVersion() override {
    int version = 0;
    absl::Status status =
        Run(writer_, "reading the schema version", [&](pqxx::connection& c) {
          version = PostgresSchemaVersion(c);
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    return version;
  }

 private:
  // Under the write lock, in one transaction: stages the ids to erase
  // (`stage` fills the temporary table `erasing`), erases them and tells
  // listening replicas.
  absl::StatusOr<Erasure> Erase(absl::string_view doing,
                                absl::FunctionRef<void(pqxx::work&)> stage) {
    Erasure erasure;
    absl::Status status = Run(writer_, doing, [&](pqxx::connection& c) {
      pqxx::work txn(c);
      // Staged under the lock: what expired is judged against the
      // revisions no writer is changing.
      txn.exec(absl::StrFormat("SELECT pg_advisory_xact_lock(%d, %d)",
                               kAdvisoryLockClass, kWriteLockKey));
      stage(txn);
      for (const pqxx::row& row : txn.exec_prepared("erase_staged")) {
        erasure.signals.push_back({row[0].c_str(), row[1].c_str()});
        erasure.revisions += row[2].as<int64_t>();
      }
      if (!erasure.signals.empty()) {
        txn.exec0(absl::StrCat("NOTIFY ", kChangesChannel));
      }
      txn.commit();
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return erasure;
  }

  // Of `sorted` (in (id, revision) order), the revisions not stored yet,
  // in the same order. A revision stored, or given twice, with the same
  // team, kind and body is left out (a batch sent again after its commit's
  // answer was lost); with another team or other content it is refused
  // (ALREADY_EXISTS) and nothing of the batch is written.
  // REQUIRES: the transaction holds the write lock.
  absl::StatusOr<std::vector<const Revision*>> Unstored(
      pqxx::work& txn, const std::vector<const Revision*>& sorted,
      absl::string_view doing) const {
    const auto refuse = [&](absl::string_view id, int64_t revision) {
      return absl::AlreadyExistsError(absl::StrFormat(
          "%s: %s: revision %d of \"%s\" is already stored under another "
          "team or with other content; nothing of the batch was written",
          target_.where, doing, revision, id));
    };
    std::vector<const Revision*> unstored;
    unstored.reserve(sorted.size());
    std::string ids = "{";
    std::string numbers = "{";
    for (const Revision* r : sorted) {
      if (!unstored.empty() && unstored.back()->id == r->id &&
          unstored.back()->revision == r->revision) {
        if (!SameContent(*unstored.back(), r->team, r->kind, r->body)) {
          return refuse(r->id, r->revision);
        }
        continue;
      }
      if (!unstored.empty()) {
        ids.push_back(',');
        numbers.push_back(',');
      }
      AppendArrayElement(r->id, ids);
      absl::StrAppend(&numbers, r->revision);
      unstored.push_back(r);
    }
    ids.push_back('}');
    numbers.push_back('}');
    const pqxx::result stored =
        txn.exec_prepared("stored_revisions", ids, numbers);
    if (stored.empty()) return unstored;  // the usual case: all new
    std::vector<bool> skip(unstored.size(), false);
    for (const pqxx::row& row : stored) {
      const std::string id = row[0].c_str();
      const int64_t revision = row[1].as<int64_t>();
      const auto at = std::lower_bound(
          unstored.begin(), unstored.end(), std::tie(id, revision),
          [](const Revision* r,
             const std::tuple<const std::string&, const int64_t&>& key) {
            return std::tie(r->id, r->revision) < key;
          });
      if (at == unstored.end() || (*at)->id != id ||
          (*at)->revision != revision) {
        continue;  // not asked for (cannot happen: the join asked)
      }
      const pqxx::binarystring body(row[4]);
      if (!SameContent(
              **at, absl::string_view(row[2].c_str(), row[2].size()),
              absl::string_view(row[3].c_str(), row[3].size()),
              absl::string_view(reinterpret_cast<const char*>(body.data()),
                                body.size()))) {
        return refuse(id, revision);
      }
      skip[at - unstored.begin()] = true;
    }
    std::vector<const Revision*> fresh;
    fresh.reserve(unstored.size());
    for (std::size_t i = 0; i < unstored.size(); ++i) {
      if (!skip[i]) fresh.push_back(unstored[i]);
    }
    return fresh;
  }

  // Copies `fresh` straight into signal_revisions, numbered in their order
  // from positions taken now. REQUIRES: the transaction holds the write
  // lock, and none of them is stored (Unstored).
  static void Append(pqxx::work& txn,
                     const std::vector<const Revision*>& fresh) {
    if (fresh.empty()) return;
    const int64_t count = static_cast<int64_t>(fresh.size());
    int64_t position =
        txn.exec_prepared1("take_positions", count)[0].as<int64_t>() - count;
    pqxx::stream_to copy(txn, "signal_revisions",
                         std::vector<std::string>{
                             "team", "id", "revision", "kind", "occurred_at_us",
                             "received_at_us", "body", "position"});
    std::string body;
    for (const Revision* r : fresh) {
      ByteaHex(r->body, body);
      copy << std::make_tuple(
          std::cref(r->team), std::cref(r->id), r->revision, std::cref(r->kind),
          absl::ToUnixMicros(r->occurred_at),
          absl::ToUnixMicros(r->received_at), std::cref(body), ++position);
    }
    copy.complete();
  }

  // Copies coverage marks into this connection's staging table.
  static void StageCoverage(pqxx::work& txn,
                            const std::vector<CoverageMark>& coverage) {
    if (coverage.empty()) return;
    pqxx::stream_to copy(
        txn, "incoming_coverage",
        std::vector<std::string>{"team", "source", "covered_through_us"});
    for (const CoverageMark& c : coverage) {
      copy << std::make_tuple(std::cref(c.team), std::cref(c.source),
                              absl::ToUnixMicros(c.covered_through));
    }
    copy.complete();
  }

  // One connection, used by one call at a time, and its reconnection.
  struct Link {
    absl::Mutex mu;
    // Null while disconnected.
    std::unique_ptr<pqxx::connection> connection ABSL_GUARDED_BY(mu);
    // The wait before the next connect; doubles while connecting fails.
    absl::Duration backoff ABSL_GUARDED_BY(mu) = kFirstBackoff;
    absl::Time next_attempt ABSL_GUARDED_BY(mu) = absl::InfinitePast();
    std::string last_failure ABSL_GUARDED_BY(mu);
  };

  // Runs `body` on `link`'s connection, connecting first if there is none
  // (and the backoff allows). libpqxx's exceptions end here.
  absl::Status Run(Link& link, absl::string_view doing,
                   absl::FunctionRef<absl::Status(pqxx::connection&)> body) {
    absl::MutexLock lock(&link.mu);
    if (link.connection == nullptr) {
      if (absl::Status s = ConnectLocked(link); !s.ok()) return s;
    }
    try {
      return body(*link.connection);
    } catch (const std::exception& e) {
      PostgresFailure failure =
          ClassifyPostgresFailure(e, target_.where, doing);
      if (failure.drop_connection) LoseConnectionLocked(link, failure.status);
      return failure.status;
    }
  }

  // Streams the rows of `select` through a cursor, in one snapshot. The
  // next FETCH is sent before the rows of the last are visited, so the
  // server reads ahead while this thread works.
  absl::Status Scan(absl::string_view doing, const std::string& select,
                    absl::FunctionRef<absl::Status(const pqxx::row&)> visit) {
    return Run(writer_, doing, [&](pqxx::connection& c) -> absl::Status {
      pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(c);
      txn.exec0(absl::StrCat("DECLARE scan NO SCROLL CURSOR FOR ", select));
      const std::string fetch =
          absl::StrFormat("FETCH FORWARD %d FROM scan", kScanRows);
      {
        // Destroyed (anything still in flight cancelled) before the
        // transaction ends.
        pqxx::pipeline ahead(txn);
        pqxx::pipeline::query_id next = ahead.insert(fetch);
        for (;;) {
          const pqxx::result rows = ahead.retrieve(next);
          const bool more = rows.size() == kScanRows;
          if (more) next = ahead.insert(fetch);
          for (const pqxx::row& row : rows) {
            if (absl::Status s = visit(row); !s.ok()) return s;
          }
          if (!more) break;
        }
        ahead.complete();
      }
      txn.commit();
      return absl::OkStatus();
    });
  }

  absl::Status ConnectLocked(Link& link)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(link.mu) {
    const absl::Time now = clock_->Now();
    if (now < link.next_attempt) {
      return absl::UnavailableError(absl::StrFormat(
          "%s: not connected; trying again in %s (last failure: %s)",
          target_.where, absl::FormatDuration(link.next_attempt - now),
          link.last_failure));
    }
    try {
      auto connection = std::make_unique<pqxx::connection>(target_.conninfo);
      if (absl::Status s = MigratePostgres(*connection, target_.where);
          !s.ok()) {
        // A database from a newer teamloadd: asking again at every call
        // would not change the answer sooner.
        return ConnectFailedLocked(link, s);
      }
      pqxx::nontransaction(*connection).exec0(kCreateStaging);
      for (const auto& [name, sql] : Statements()) {
        connection->prepare(name, sql);
      }
      link.connection = std::move(connection);
      link.backoff = kFirstBackoff;
      return absl::OkStatus();
    } catch (const std::exception& e) {
      return ConnectFailedLocked(
          link, ClassifyPostgresFailure(e, target_.where, "connecting").status);
    }
  }

  // The next connect waits longer each time connecting fails.
  absl::Status ConnectFailedLocked(Link& link, absl::Status why)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(link.mu) {
    LoseConnectionLocked(link, why);
    link.backoff = std::min(link.backoff * 2, kMaxBackoff);
    return why;
  }

  void LoseConnectionLocked(Link& link, const absl::Status& why)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(link.mu) {
    link.connection.reset();
    link.next_attempt = clock_->Now() + link.backoff;
    link.last_failure = std::string(why.message());
  }

  // Notes that a commit's notice came.
  class Receiver final : public pqxx::notification_receiver {
   public:
    explicit Receiver(pqxx::connection_base& c)
        : pqxx::notification_receiver(c, kChangesChannel) {}
    void operator()(const std::string&, int) override { heard = true; }
    bool heard = false;
  };

  // Constant after construction.
  const PostgresTarget target_;
  const util::Clock* const clock_;

  // Writes and every read but the change feed's.
  Link writer_;
  // The change feed's reads (a follower's), connected on first use: apart
  // from writer_, so following other replicas never holds up a write.
  Link feed_;

  // The listening connection, apart from the others so waiting stalls no
  // writer.
  absl::Mutex listen_mu_;
  // Destroyed before the connection it listens on (declared after it).
  std::unique_ptr<pqxx::connection> listener_ ABSL_GUARDED_BY(listen_mu_);
  std::unique_ptr<Receiver> receiver_ ABSL_GUARDED_BY(listen_mu_);
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    absl::string_view url, const OpenOptions& options) {
  absl::StatusOr<PostgresTarget> target = ReadPostgresTarget(url, options);
  if (!target.ok()) return target.status();
  static const util::SystemClock system_clock;
  auto store = std::make_unique<PostgresStore>(
      *std::move(target),
      options.clock != nullptr ? options.clock : &system_clock);
  if (absl::Status s = store->Connect(); !s.ok()) return s;
  return store;
}

}  // namespace teamload::store
