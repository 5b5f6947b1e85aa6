// The signal skeleton every program that sends signals fills in: ids named
// "<source>:<key>", protobuf timestamps from absl::Time, deferrals. Pure
// functions.
#ifndef TEAMLOAD_CLIENT_SIGNAL_BUILDERS_H_
#define TEAMLOAD_CLIENT_SIGNAL_BUILDERS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::client {

google::protobuf::Timestamp ToTimestamp(absl::Time t);

// A signal from `source` with the id "<source>:<key>", the way every
// collector names them, for `team` at `occurred_at`; the caller sets its kind.
teamload::v1::Signal NewSignal(absl::string_view source, absl::string_view key,
                               absl::string_view team, absl::Time occurred_at);

// Makes `signal` a deferral of `item`, deferred `times_deferred` times, and
// resolved at `resolved_at` unless that is InfiniteFuture (still open).
void SetDeferral(teamload::v1::Signal& signal, absl::string_view item,
                 absl::string_view title, int times_deferred,
                 absl::Time resolved_at);

// What a migration is, in the sources' terms. InfiniteFuture: not so (no
// plan, still in flight, not looked back on).
struct MigrationRecord {
  std::string name;
  std::string title;
  absl::Time planned_end = absl::InfiniteFuture();
  absl::Time finished = absl::InfiniteFuture();
  absl::Time retrospective = absl::InfiniteFuture();
  std::string retrospective_url;
};

// Makes `signal` the migration `record` (its occurred_at is when it started).
void SetMigration(teamload::v1::Signal& signal, const MigrationRecord& record);

// Makes `signal` a deploy of `service`; `lead_time` InfiniteDuration: not
// known.
void SetDeploy(teamload::v1::Signal& signal, absl::string_view service,
               bool failed, bool caused_incident, absl::Duration lead_time);

}  // namespace teamload::client

#endif  // TEAMLOAD_CLIENT_SIGNAL_BUILDERS_H_
