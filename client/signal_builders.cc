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

}  // namespace teamload::client
