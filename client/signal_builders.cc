#include "client/signal_builders.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace teamload::client {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t seconds = absl::ToUnixSeconds(t);
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

teamload::v1::Signal NewSignal(absl::string_view source, absl::string_view key,
                               absl::string_view team, absl::Time occurred_at) {
  teamload::v1::Signal signal;
  signal.set_id(absl::StrCat(source, ":", key));
  signal.set_team(std::string(team));
  signal.set_source(std::string(source));
  *signal.mutable_occurred_at() = ToTimestamp(occurred_at);
  return signal;
}

void SetDeferral(teamload::v1::Signal& signal, absl::string_view item,
                 absl::string_view title, int times_deferred,
                 absl::Time resolved_at) {
  teamload::v1::Deferral* deferral = signal.mutable_deferral();
  deferral->set_item(std::string(item));
  deferral->set_title(std::string(title));
  deferral->set_times_deferred(times_deferred);
  if (resolved_at != absl::InfiniteFuture()) {
    deferral->set_resolved(true);
    *deferral->mutable_resolved_at() = ToTimestamp(resolved_at);
  }
}

void SetMigration(teamload::v1::Signal& signal, const MigrationRecord& record) {
  teamload::v1::Migration* migration = signal.mutable_migration();
  migration->set_name(record.name);
  migration->set_title(record.title);
  if (record.planned_end != absl::InfiniteFuture())
    *migration->mutable_planned_end() = ToTimestamp(record.planned_end);
  if (record.finished != absl::InfiniteFuture())
    *migration->mutable_finished_at() = ToTimestamp(record.finished);
  if (record.retrospective != absl::InfiniteFuture())
    *migration->mutable_retro_written_at() = ToTimestamp(record.retrospective);
  migration->set_retro_url(record.retrospective_url);
}

void SetDeploy(teamload::v1::Signal& signal, absl::string_view service,
               bool failed, bool caused_incident, absl::Duration lead_time) {
  teamload::v1::Deploy* deploy = signal.mutable_deploy();
  deploy->set_service(std::string(service));
  deploy->set_outcome(failed ? teamload::v1::DEPLOY_OUTCOME_FAILED
                             : teamload::v1::DEPLOY_OUTCOME_SUCCEEDED);
  deploy->set_caused_incident(caused_incident);
  if (lead_time != absl::InfiniteDuration()) {
    const int64_t seconds = absl::ToInt64Seconds(lead_time);
    deploy->mutable_lead_time()->set_seconds(seconds);
  }
}

}  // namespace teamload::client
