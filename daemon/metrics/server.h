// MetricsServer: the HTTP endpoint Prometheus scrapes, GET /metrics on
// config.metrics_listen, serving teamloadd's own metrics (Metrics) and each
// team's (TeamCollector) in the text format (text_format.h), gzipped when
// the client asks. HttpEndpoint (libmicrohttpd) does the HTTP, and TLS when
// the config has `tls:` (the same certificate, key and optional client CA as
// the gRPC listener: with a client CA, a client without a certificate that
// CA signed gets no answer).
//
// With an authenticator (every daemon that is not insecure_local), a scrape
// needs a token of the metrics or admin role (scrape_auth.h): missing or
// unknown answers 401, another role 403, counted and logged with the peer's
// address by the authenticator as gRPC calls are.
//
// Thread-safe; scrapes are answered on the server's own threads. Shares the
// registry; does not own the model, the clock or the authenticator, which
// must outlive it. Destruction stops the threads first.
#ifndef TEAMLOAD_DAEMON_METRICS_SERVER_H_
#define TEAMLOAD_DAEMON_METRICS_SERVER_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "daemon/auth/authenticator.h"
#include "daemon/config/config.h"
#include "daemon/metrics/http_endpoint.h"
#include "daemon/metrics/team_collector.h"
#include "daemon/model/model.h"
#include "daemon/util/clock.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"
#include "prometheus/summary.h"

namespace teamload::metrics {

class MetricsServer {
 public:
  // Where and how to serve.
  struct Listener {
    // IPV4:PORT, or [::]:PORT and [::1]:PORT, which are served on their
    // IPv4 twins, 0.0.0.0 and 127.0.0.1, with a warning in the log; port 0
    // picks a free one.
    std::string address;
    std::optional<config::TlsConfig> tls;  // unset: plain HTTP
    // Null: no token asked (insecure_local).
    const auth::Authenticator* authenticator = nullptr;
  };

  // Starts serving. UNAVAILABLE, naming the address, when it cannot listen
  // there; FAILED_PRECONDITION naming the file when a certificate or key
  // cannot be used.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(
      const Listener& listener, std::shared_ptr<prometheus::Registry> registry,
      const model::Model* model, const util::Clock* clock);

  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // The address actually bound, e.g. "127.0.0.1:41237" (or "0.0.0.0:9470"
  // for "[::]:9470").
  const std::string& address() const { return http_->address(); }

  // The whole exposition a scrape answers. For tests and benchmarks.
  std::string Exposition() const;

 private:
  MetricsServer(const Listener& listener,
                std::shared_ptr<prometheus::Registry> registry,
                const model::Model* model, const util::Clock* clock);

  HttpEndpoint::Response Handle(const HttpEndpoint::Request& request);

  // Constant after construction.
  const Listener listener_;
  const std::shared_ptr<prometheus::Registry> registry_;
  const std::shared_ptr<TeamCollector> teams_;
  // The scrapes themselves, under the names prometheus-cpp's Exposer used.
  const std::shared_ptr<prometheus::Registry> scrape_registry_;
  prometheus::Counter& bytes_transferred_;
  prometheus::Counter& scrapes_;
  prometheus::Summary& scrape_latencies_;

  // The last body's size, to reserve the next one's in one allocation.
  mutable std::atomic<std::size_t> last_size_{0};

  // Started last, stopped first: its threads call Handle.
  std::unique_ptr<HttpEndpoint> http_;
};

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_SERVER_H_
