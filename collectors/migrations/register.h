// A team's migration register: a plain YAML file the team keeps in a
// repository, one entry per migration, to migration signals. Pure: text in,
// no I/O.
//
//   team: payments                  # the register's team (the mapping's
//   migrations:                     # migrations.teams claims it)
//     - name: postgres-16           # required, unique in the file
//       title: Move the ledger to PostgreSQL 16
//       started: 2026-03-02         # required
//       planned_end: 2026-09-30
//       finished: 2026-10-12        # absent: still in flight
//       retrospective: 2026-10-20   # when it was looked back on
//       retrospective_url: https://wiki.example.com/pg16-retro
//
// Dates are "YYYY-MM-DD" (the start of that day in the register's zone) or
// RFC 3339 times. Each entry in error is reported with the file, line and
// column, and the field ("migrations[1].started: ..."), and skipped; the
// others are read.
#ifndef TEAMLOAD_COLLECTORS_MIGRATIONS_REGISTER_H_
#define TEAMLOAD_COLLECTORS_MIGRATIONS_REGISTER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "client/signal_builders.h"
#include "collectors/common/record_error.h"
#include "collectors/common/team_mapping.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors::migrations {

struct Migration {
  std::string where;  // "register.yaml:4:5", for messages
  std::string team;   // the register's
  absl::Time started;
  client::MigrationRecord record;
};

struct ParseResult {
  std::vector<Migration> migrations;
  std::vector<RecordError> errors;
};

ParseResult ParseRegister(absl::string_view text, absl::string_view file,
                          const absl::TimeZone& zone);

// The signal "migrations:<team>/<name>" for the team the mapping gives the
// register's team (migrations.teams), or nullopt with `unmapped` naming it.
std::optional<teamload::v1::Signal> ToSignal(const Migration& migration,
                                             const TeamMapping& mapping,
                                             std::string* unmapped);

}  // namespace teamload::collectors::migrations

#endif  // TEAMLOAD_COLLECTORS_MIGRATIONS_REGISTER_H_
