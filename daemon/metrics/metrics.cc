#include "daemon/metrics/metrics.h"

#include <map>
#include <tuple>

#include "daemon/model/kind.h"

namespace teamload::metrics {
namespace {

// From a millisecond (a small SQLite commit) to ten seconds (a request stuck
// behind a slow disk), roughly 2.5x apart.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return *buckets;
}

absl::string_view OutcomeName(teamload::v1::Outcome outcome) {
  switch (outcome) {
    case teamload::v1::OUTCOME_ACCEPTED:
      return "accepted";
    case teamload::v1::OUTCOME_DUPLICATE:
      return "duplicate";
    case teamload::v1::OUTCOME_REVISED:
      return "revised";
    default:
      return "rejected";
  }
}

absl::string_view RefusalName(ingest::Refusal why) {
  switch (why) {
    case ingest::Refusal::kTooManySignals:
      return "too_many_signals";
    case ingest::Refusal::kTooManyBytes:
      return "too_many_bytes";
    case ingest::Refusal::kStoreError:
      return "store_error";
    case ingest::Refusal::kOverloaded:
      return "overloaded";
  }
  return "unknown";
}

// A rejected signal may carry no kind at all.
absl::string_view KindLabel(const teamload::v1::Signal& signal) {
  const std::optional<model::Kind> kind = model::KindOf(signal);
  return kind.has_value() ? model::KindName(*kind) : "none";
}

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      signals_ingested_(
          prometheus::BuildCounter()
              .Name("teamload_signals_ingested_total")
              .Help("Signals received over the ingest API, by source, kind "
                    "and outcome (accepted, duplicate, revised, rejected).")
              .Register(*registry_)),
      request_duration_(
          prometheus::BuildHistogram()
              .Name("teamload_ingest_request_duration_seconds")
              .Help("Time from an ingest request's arrival to its answer, "
                    "refused requests included.")
              .Register(*registry_)
              .Add({}, LatencyBuckets())),
      requests_refused_(prometheus::BuildCounter()
                            .Name("teamload_ingest_requests_refused_total")
                            .Help("Ingest requests refused whole, by reason.")
                            .Register(*registry_)),
      store_errors_(prometheus::BuildCounter()
                        .Name("teamload_store_errors_total")
                        .Help("Store transactions that failed.")
                        .Register(*registry_)
                        .Add({})),
      commit_duration_(
          prometheus::BuildHistogram()
              .Name("teamload_store_commit_duration_seconds")
              .Help("Time one store transaction (a group commit of ingest "
                    "requests) took, failed ones included.")
              .Register(*registry_)
              .Add({}, LatencyBuckets())),
      report_runs_(prometheus::BuildCounter()
                       .Name("teamload_report_runs_total")
                       .Help("Scheduled report runs, by report and outcome.")
                       .Register(*registry_)),
      report_deliveries_(
          prometheus::BuildCounter()
              .Name("teamload_report_deliveries_total")
              .Help("Deliveries of scheduled reports tried, by report, "
                    "channel (mail, slack) and outcome (sent, failed).")
              .Register(*registry_)),
      auth_failures_(
          prometheus::BuildCounter()
              .Name("teamload_auth_failures_total")
              .Help("Calls turned away: no token (missing), not \"Bearer "
                    "TOKEN\" (malformed), a token not in auth.tokens "
                    "(unknown), or a role or scope without the right "
                    "(denied).")
              .Register(*registry_)) {
  // Every reason shows from the start, so rate() and alerts see a 0.
  for (ingest::Refusal why :
       {ingest::Refusal::kTooManySignals, ingest::Refusal::kTooManyBytes,
        ingest::Refusal::kStoreError, ingest::Refusal::kOverloaded}) {
    requests_refused_.Add({{"reason", std::string(RefusalName(why))}});
  }
}

std::string Metrics::SourceLabel(absl::string_view source, bool may_admit) {
  absl::MutexLock lock(&mu_);
  if (sources_.contains(source)) return std::string(source);
  if (may_admit && static_cast<int>(sources_.size()) < kMaxSources) {
    sources_.insert(std::string(source));
    return std::string(source);
  }
  return "other";
}

void Metrics::RequestAnswered(const teamload::v1::IngestRequest& request,
                              const teamload::v1::IngestResponse& response,
                              absl::Duration took) {
  // Tally first: one counter update per distinct label set, not per signal.
  std::map<std::tuple<std::string, absl::string_view, absl::string_view>,
           int64_t>
      tally;
  for (int i = 0; i < response.results_size() && i < request.signals_size();
       ++i) {
    const teamload::v1::Signal& signal = request.signals(i);
    const teamload::v1::Outcome outcome = response.results(i).outcome();
    ++tally[{
        SourceLabel(signal.source(), outcome != teamload::v1::OUTCOME_REJECTED),
        KindLabel(signal), OutcomeName(outcome)}];
  }
  for (const auto& [labels, count] : tally) {
    const auto& [source, kind, outcome] = labels;
    signals_ingested_
        .Add({{"source", source},
              {"kind", std::string(kind)},
              {"outcome", std::string(outcome)}})
        .Increment(static_cast<double>(count));
  }
  request_duration_.Observe(absl::ToDoubleSeconds(took));
}

void Metrics::RequestRefused(ingest::Refusal why, absl::Duration took) {
  requests_refused_.Add({{"reason", std::string(RefusalName(why))}})
      .Increment();
  request_duration_.Observe(absl::ToDoubleSeconds(took));
}

void Metrics::StoreCommitted(absl::Duration took, const absl::Status& status) {
  commit_duration_.Observe(absl::ToDoubleSeconds(took));
  if (!status.ok()) store_errors_.Increment();
}

void Metrics::ReportRun(absl::string_view report, absl::string_view outcome) {
  report_runs_
      .Add({{"report", std::string(report)}, {"outcome", std::string(outcome)}})
      .Increment();
}

void Metrics::ReportDelivery(absl::string_view report,
                             absl::string_view channel, bool ok) {
  report_deliveries_
      .Add({{"report", std::string(report)},
            {"channel", std::string(channel)},
            {"outcome", ok ? "sent" : "failed"}})
      .Increment();
}

void Metrics::AuthFailed(auth::AuthFailure failure) {
  auth_failures_.Add({{"reason", std::string(auth::AuthFailureName(failure))}})
      .Increment();
}

}  // namespace teamload::metrics
