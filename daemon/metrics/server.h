// MetricsServer: the HTTP endpoint Prometheus scrapes, GET /metrics on
// config.metrics_listen, serving teamloadd's own metrics (Metrics) and each
// team's (TeamCollector). prometheus-cpp's Exposer (civetweb) does the HTTP.
//
// Thread-safe; scrapes are answered on the server's own threads. Shares the
// registry; does not own the model or the clock, which must outlive it.
#ifndef TEAMLOAD_DAEMON_METRICS_SERVER_H_
#define TEAMLOAD_DAEMON_METRICS_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "daemon/metrics/team_collector.h"
#include "daemon/model/model.h"
#include "daemon/util/clock.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

namespace teamload::metrics {

class MetricsServer {
 public:
  // Starts serving on `address` (IP:PORT or [IPv6]:PORT; port 0 picks a
  // free one). Without IPv6 in civetweb, [::] and [::1] are served on their
  // IPv4 twins, 0.0.0.0 and 127.0.0.1, with a warning in the log.
  // UNAVAILABLE, naming the address, when it cannot listen there.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(
      const std::string& address,
      std::shared_ptr<prometheus::Registry> registry, const model::Model* model,
      const util::Clock* clock);

  // The address actually bound, e.g. "127.0.0.1:41237" (or "0.0.0.0:9470"
  // for "[::]:9470").
  const std::string& address() const { return address_; }

 private:
  MetricsServer() = default;

  // Constant after construction. The exposer goes first on destruction:
  // its threads read the collectables until it stops.
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<TeamCollector> teams_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string address_;
};

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_SERVER_H_
