#include "daemon/metrics/server.h"

#include <zlib.h>

#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/metrics/scrape_auth.h"
#include "daemon/metrics/text_format.h"
#include "daemon/util/log.h"

namespace teamload::metrics {
namespace {

// The server listens on IPv4 only. The two IPv6 addresses with an IPv4 twin
// are served on that twin instead: "every address" and loopback. "" for
// any other address.
std::string Ipv4Twin(absl::string_view address) {
  const auto colon = address.rfind(':');
  if (colon == absl::string_view::npos) return "";
  const absl::string_view host = address.substr(0, colon);
  const absl::string_view port = address.substr(colon);
  if (host == "[::]") return absl::StrCat("0.0.0.0", port);
  if (host == "[::1]") return absl::StrCat("127.0.0.1", port);
  return "";
}

// Prometheus asks for gzip; the fastest level still shrinks the series
// twentyfold, at a fraction of the cost of the default level. "" if zlib
// fails.
std::string Gzip(const std::string& text) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 9,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return "";
  }
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const bool done = deflate(&stream, Z_FINISH) == Z_STREAM_END;
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return done ? out : "";
}

HttpEndpoint::Response Refusal(
    int status, absl::string_view why,
    std::vector<std::pair<std::string, std::string>> headers = {}) {
  return {.status = status,
          .headers = std::move(headers),
          .body = absl::StrCat(why, "\n")};
}

}  // namespace

MetricsServer::MetricsServer(const Listener& listener,
                             std::shared_ptr<prometheus::Registry> registry,
                             const model::Model* model,
                             const util::Clock* clock)
    : listener_(listener),
      registry_(std::move(registry)),
      teams_(std::make_shared<TeamCollector>(model, clock)),
      scrape_registry_(std::make_shared<prometheus::Registry>()),
      bytes_transferred_(prometheus::BuildCounter()
                             .Name("exposer_transferred_bytes_total")
                             .Help("Transferred bytes to metrics services")
                             .Register(*scrape_registry_)
                             .Add({})),
      scrapes_(prometheus::BuildCounter()
                   .Name("exposer_scrapes_total")
                   .Help("Number of times metrics were scraped")
                   .Register(*scrape_registry_)
                   .Add({})),
      scrape_latencies_(
          prometheus::BuildSummary()
              .Name("exposer_request_latencies")
              .Help("Latencies of serving scrape requests, in microseconds")
              .Register(*scrape_registry_)
              .Add({}, prometheus::Summary::Quantiles{
                           {0.5, 0.05}, {0.9, 0.01}, {0.99, 0.001}})) {}

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const Listener& listener, std::shared_ptr<prometheus::Registry> registry,
    const model::Model* model, const util::Clock* clock) {
  std::unique_ptr<MetricsServer> server(
      new MetricsServer(listener, std::move(registry), model, clock));
  std::string serving = listener.address;
  if (absl::StartsWith(serving, "[")) {
    serving = Ipv4Twin(listener.address);
    if (serving.empty()) {
      return absl::UnavailableError(absl::StrFormat(
          "cannot serve metrics on %s: teamloadd's metrics server listens on "
          "IPv4 only; use an IPv4 address, or [::] for every address",
          listener.address));
    }
    util::LogWarning(
        "metrics_listen %s: teamloadd's metrics server listens on IPv4 "
        "only, so metrics are served on %s",
        listener.address, serving);
  }
  absl::StatusOr<std::unique_ptr<HttpEndpoint>> http = HttpEndpoint::Start(
      {.address = serving, .tls = listener.tls},
      [s = server.get()](const HttpEndpoint::Request& request) {
        return s->Handle(request);
      });
  if (!http.ok()) return http.status();
  server->http_ = *std::move(http);
  return server;
}

std::string MetricsServer::Exposition() const {
  std::string body;
  body.reserve(last_size_.load(std::memory_order_relaxed) * 9 / 8);
  AppendText(scrape_registry_->Collect(), body);
  AppendText(registry_->Collect(), body);
  AppendText(teams_->Collect(), body);
  last_size_.store(body.size(), std::memory_order_relaxed);
  return body;
}

HttpEndpoint::Response MetricsServer::Handle(
    const HttpEndpoint::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  if (request.path != "/metrics") return Refusal(404, "only /metrics is here");
  if (request.method != "GET") {
    return Refusal(405, "only GET /metrics", {{"Allow", "GET"}});
  }
  if (listener_.authenticator != nullptr) {
    const absl::Status admitted =
        AdmitScrape(*listener_.authenticator, request.Header("authorization"),
                    request.peer);
    if (const int status = ScrapeHttpStatus(admitted); status != 200) {
      std::vector<std::pair<std::string, std::string>> challenge;
      if (status == 401) {
        challenge.emplace_back("WWW-Authenticate", kScrapeChallenge);
      }
      return Refusal(status, admitted.message(), std::move(challenge));
    }
  }
  HttpEndpoint::Response response{.content_type = kTextContentType,
                                  .body = Exposition()};
  if (absl::StrContains(request.Header("accept-encoding"), "gzip")) {
    if (std::string zipped = Gzip(response.body); !zipped.empty()) {
      response.body = std::move(zipped);
      response.headers.emplace_back("Content-Encoding", "gzip");
    }
  }
  scrape_latencies_.Observe(
      static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count()));
  bytes_transferred_.Increment(static_cast<double>(response.body.size()));
  scrapes_.Increment();
  return response;
}

}  // namespace teamload::metrics
