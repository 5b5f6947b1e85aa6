// Metrics: teamloadd watching itself, in Prometheus terms: signals ingested
// by source, kind and outcome, ingest request and store commit latency,
// requests refused by reason, store errors, scheduled report runs and their
// deliveries by channel (mail, Slack), and calls turned away by
// authentication.
//
// Every label takes few values: sources are capped (the first kMaxSources
// seen by an accepted signal get their own label value, later ones count as
// "other"), kinds, outcomes and reasons are fixed sets, and reports come from
// the config.
//
// Thread-safe. Owns its prometheus::Registry; the metrics server holds it
// only through a weak_ptr.
#ifndef TEAMLOAD_DAEMON_METRICS_METRICS_H_
#define TEAMLOAD_DAEMON_METRICS_METRICS_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "daemon/auth/authenticator.h"
#include "daemon/ingest/observer.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace teamload::metrics {

class Metrics final : public ingest::IngestObserver, public auth::AuthObserver {
 public:
  // Distinct source label values; signals from further sources count as
  // source="other".
  static constexpr int kMaxSources = 32;

  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // What to expose; lives as long as this object.
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }

  void RequestAnswered(const teamload::v1::IngestRequest& request,
                       const teamload::v1::IngestResponse& response,
                       absl::Duration took) override;
  void RequestRefused(ingest::Refusal why, absl::Duration took) override;
  void StoreCommitted(absl::Duration took, const absl::Status& status) override;

  // One scheduled report run ended (daemon/reports): `report` is its name in
  // the config, `outcome` a fixed word such as "sent", "failed" or
  // "skipped". Counted as teamload_report_runs_total{report,outcome}.
  void ReportRun(absl::string_view report, absl::string_view outcome);

  // One delivery of a report run was tried: `channel` is "mail" or "slack".
  // Counted as teamload_report_deliveries_total{report,channel,outcome},
  // outcome "sent" or "failed". A failed delivery also fails its run.
  void ReportDelivery(absl::string_view report, absl::string_view channel,
                      bool ok);

  // Counted as teamload_auth_failures_total{reason}.
  void AuthFailed(auth::AuthFailure failure) override;

 private:
  // The label value for a signal's source; only an accepted, duplicate or
  // revised signal (`may_admit`) can give a new source its own value.
  std::string SourceLabel(absl::string_view source, bool may_admit);

  // Constant after construction.
  const std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& signals_ingested_;
  prometheus::Histogram& request_duration_;
  prometheus::Family<prometheus::Counter>& requests_refused_;
  prometheus::Counter& store_errors_;
  prometheus::Histogram& commit_duration_;
  prometheus::Family<prometheus::Counter>& report_runs_;
  prometheus::Family<prometheus::Counter>& report_deliveries_;
  prometheus::Family<prometheus::Counter>& auth_failures_;

  // State below is protected by mu_.
  absl::Mutex mu_;
  absl::flat_hash_set<std::string> sources_ ABSL_GUARDED_BY(mu_);
};

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_METRICS_H_
