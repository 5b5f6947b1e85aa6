// Scrapes of GET /metrics with 1,000 teams loaded (bench/loaded_model.h):
// an in-process MetricsServer on loopback, fetched with libcurl, so each
// figure includes the HTTP exchange and the text exposition.
//   BM_Scrape/15       Prometheus every 15 s: only the teams whose analysis
//                      is due are analysed again (the steady state)
//   BM_Scrape/0        nothing changed since the last scrape
//   BM_ScrapeAllStale  every team analysed again, as after an ingest that
//                      touched every team
//   BM_ScrapeGzip/15   BM_Scrape/15 as Prometheus asks: Accept-Encoding gzip
//   BM_Exposition      the text alone, nothing due, no HTTP
#include <curl/curl.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/loaded_model.h"
#include "benchmark/benchmark.h"
#include "daemon/metrics/metrics.h"
#include "daemon/metrics/server.h"
#include "daemon/util/clock.h"

namespace teamload {
namespace {

size_t Append(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// One daemon-like metrics endpoint over the loaded model, and a client.
class Endpoint {
 public:
  Endpoint() : clock_(bench::kAsOf) {
    auto server = metrics::MetricsServer::Start({.address = "127.0.0.1:0"},
                                                metrics_.registry(),
                                                &bench::Loaded(), &clock_);
    if (!server.ok()) {
      std::fprintf(stderr, "%s\n",
                   std::string(server.status().message()).c_str());
      std::abort();
    }
    server_ = std::move(*server);
    url_ = absl::StrCat("http://", server_->address(), "/metrics");
    curl_ = curl_easy_init();
    curl_easy_setopt(curl_, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &Append);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body_);
    // civetweb closes each connection after its answer, as it is set up.
    curl_easy_setopt(curl_, CURLOPT_FORBID_REUSE, 1L);
  }
  ~Endpoint() { curl_easy_cleanup(curl_); }

  // GETs /metrics; returns the body's size.
  size_t Scrape() {
    body_.clear();
    if (const CURLcode code = curl_easy_perform(curl_); code != CURLE_OK) {
      std::fprintf(stderr, "GET %s: %s\n", url_.c_str(),
                   curl_easy_strerror(code));
      std::abort();
    }
    return body_.size();
  }
  void Advance(absl::Duration d) { clock_.Set(clock_.Now() + d); }
  // "" asks for the body as it is.
  void AcceptEncoding(const char* encoding) {
    curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING,
                     *encoding == '\0' ? nullptr : encoding);
    // Hand the compressed bytes over as they came: decompressing is the
    // client's cost, not the scrape's.
    curl_easy_setopt(curl_, CURLOPT_HTTP_CONTENT_DECODING, 0L);
  }
  const metrics::MetricsServer& server() const { return *server_; }
  const std::string& body() const { return body_; }

 private:
  util::FakeClock clock_;
  metrics::Metrics metrics_;
  std::unique_ptr<metrics::MetricsServer> server_;
  std::string url_;
  CURL* curl_;
  std::string body_;
};

Endpoint& Shared() {
  static Endpoint* endpoint = [] {
    auto* e = new Endpoint();
    e->Scrape();  // the first scrape analyses every team
    return e;
  }();
  return *endpoint;
}

void Report(benchmark::State& state, const Endpoint& endpoint) {
  int64_t series = 0;
  for (char c : endpoint.body()) series += c == '\n';
  state.counters["body_bytes"] = static_cast<double>(endpoint.body().size());
  state.counters["lines"] = static_cast<double>(series);
}

void BM_Scrape(benchmark::State& state) {
  Endpoint& endpoint = Shared();
  const absl::Duration interval = absl::Seconds(state.range(0));
  for (auto _ : state) {
    endpoint.Advance(interval);
    benchmark::DoNotOptimize(endpoint.Scrape());
  }
  Report(state, endpoint);
}
BENCHMARK(BM_Scrape)
    ->Arg(15)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_ScrapeAllStale(benchmark::State& state) {
  Endpoint& endpoint = Shared();
  for (auto _ : state) {
    endpoint.Advance(2 * metrics::TeamCollector::kRefreshAfter);
    benchmark::DoNotOptimize(endpoint.Scrape());
  }
  Report(state, endpoint);
}
BENCHMARK(BM_ScrapeAllStale)
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_ScrapeGzip(benchmark::State& state) {
  Endpoint& endpoint = Shared();
  endpoint.AcceptEncoding("gzip");
  const absl::Duration interval = absl::Seconds(state.range(0));
  for (auto _ : state) {
    endpoint.Advance(interval);
    benchmark::DoNotOptimize(endpoint.Scrape());
  }
  Report(state, endpoint);
  endpoint.AcceptEncoding("");
}
BENCHMARK(BM_ScrapeGzip)->Arg(15)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Exposition(benchmark::State& state) {
  Endpoint& endpoint = Shared();
  std::size_t size = 0;
  for (auto _ : state) {
    size = endpoint.server().Exposition().size();
    benchmark::DoNotOptimize(size);
  }
  state.counters["body_bytes"] = static_cast<double>(size);
}
BENCHMARK(BM_Exposition)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace teamload

BENCHMARK_MAIN();
