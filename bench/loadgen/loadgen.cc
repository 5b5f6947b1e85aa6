// teamload-loadgen: streams synthetic page signals to a running teamloadd
// over IngestStream and prints the acknowledged rate and batch latencies.
// Every acknowledged batch is durable (teamloadd answers after commit).
// With --list-narratives, another client calls ListNarratives (every team)
// in a loop while the signals go in, to show what readers cost writers.
// With --watch ADDR, another client polls a second replica's ListTeams and
// records when its signal count grew; with --acks-out, each batch's first
// signal and the moments it was sent and acknowledged are written, so a
// script can tell when the other replica held each batch (bench/postgres).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "teamload/v1/ingest.grpc.pb.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "teamload/v1/team.grpc.pb.h"

namespace {

struct Options {
  std::string address = "127.0.0.1:7070";
  int64_t signals = 1'000'000;
  int batch = 1000;
  int streams = 4;
  int window = 2;  // batches in flight per stream
  int teams = 100;
  std::string team_prefix = "team-";
  std::string run = "load";
  bool list_narratives = false;
  std::string watch_address;  // another replica to watch; empty: none
  std::string watch_out;      // "UNIX_NS TOTAL" lines, one per change seen
  std::string acks_out;       // "FIRST COUNT SENT_NS ACKED_NS" per batch
  double watch_seconds = 60;  // after the ingest, how long to wait for it
};

// One batch's life: its first signal's number, its size, when it was sent
// and when its answer came (unix nanoseconds).
struct BatchTimes {
  int64_t first = 0;
  int64_t count = 0;
  int64_t sent_ns = 0;
  int64_t acked_ns = 0;
};

// One stream's share of the work and what it measured.
struct StreamResult {
  int64_t acknowledged = 0;
  std::vector<double> latencies_ms;
  std::vector<BatchTimes> batches;
  std::string error;
};

teamload::v1::IngestRequest MakeBatch(const Options& o, int64_t first,
                                      int64_t count) {
  teamload::v1::IngestRequest request;
  const int64_t base_seconds = absl::ToUnixSeconds(absl::Now()) - 90 * 86400;
  for (int64_t n = first; n < first + count; ++n) {
    teamload::v1::Signal* s = request.add_signals();
    s->set_id(absl::StrCat(o.run, ":", n));
    s->set_team(absl::StrFormat("%s%03d", o.team_prefix, n % o.teams));
    s->set_source("loadgen");
    s->mutable_occurred_at()->set_seconds(base_seconds +
                                          (n * 7919) % (90 * 86400));
    teamload::v1::Page* page = s->mutable_page();
    page->set_service(absl::StrCat("service-", n % 17));
    page->set_urgency(n % 3 == 0 ? teamload::v1::URGENCY_HIGH
                                 : teamload::v1::URGENCY_LOW);
    page->set_title("synthetic page from teamload-loadgen");
    page->mutable_time_to_ack()->set_seconds(30 + n % 600);
  }
  return request;
}

StreamResult RunStream(const Options& o, int64_t first, int64_t count) {
  StreamResult result;
  auto stub = teamload::v1::IngestService::NewStub(
      grpc::CreateChannel(o.address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  auto stream = stub->IngestStream(&context);

  absl::Mutex mu;
  std::deque<BatchTimes> in_flight;  // guarded by mu; sent, not answered
  absl::CondVar slot_free;
  std::thread reader([&] {
    teamload::v1::IngestResponse response;
    while (stream->Read(&response)) {
      const absl::Time acked = absl::Now();
      BatchTimes batch;
      {
        absl::MutexLock lock(&mu);
        batch = in_flight.front();
        in_flight.pop_front();
        slot_free.Signal();
      }
      batch.acked_ns = absl::ToUnixNanos(acked);
      result.latencies_ms.push_back((batch.acked_ns - batch.sent_ns) / 1e6);
      result.batches.push_back(batch);
      for (const auto& r : response.results()) {
        if (r.outcome() == teamload::v1::OUTCOME_ACCEPTED ||
            r.outcome() == teamload::v1::OUTCOME_DUPLICATE) {
          ++result.acknowledged;
        }
      }
    }
  });
  for (int64_t n = first; n < first + count; n += o.batch) {
    const int64_t size = std::min<int64_t>(o.batch, first + count - n);
    teamload::v1::IngestRequest request = MakeBatch(o, n, size);
    {
      absl::MutexLock lock(&mu);
      while (static_cast<int>(in_flight.size()) >= o.window) {
        slot_free.Wait(&mu);
      }
      in_flight.push_back({n, size, absl::ToUnixNanos(absl::Now()), 0});
    }
    if (!stream->Write(request)) break;
  }
  stream->WritesDone();
  reader.join();
  grpc::Status status = stream->Finish();
  if (!status.ok()) result.error = status.error_message();
  return result;
}

// Calls ListNarratives for every team until `done`; returns each call's
// latency in ms. Bounded by `done`, which the ingest side sets when it ends.
std::vector<double> ListNarrativesUntil(const Options& o,
                                        const std::atomic<bool>& done,
                                        std::string* error) {
  auto stub = teamload::v1::NarrativeService::NewStub(
      grpc::CreateChannel(o.address, grpc::InsecureChannelCredentials()));
  std::vector<double> latencies_ms;
  while (!done.load()) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    teamload::v1::ListNarrativesResponse response;
    const absl::Time start = absl::Now();
    const grpc::Status status = stub->ListNarratives(
        &context, teamload::v1::ListNarrativesRequest(), &response);
    if (!status.ok()) {
      *error = status.error_message();
      break;
    }
    latencies_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  return latencies_ms;
}

// One look at the watched replica: when the answer came, and its signals.
struct WatchSample {
  int64_t unix_ns = 0;
  int64_t total = 0;
};

// Polls ListTeams on o.watch_address until `done` and then until its total
// reaches `*expected` (set with `done`) or o.watch_seconds pass; keeps a
// sample each time the total changes. The time is the answer's arrival, so
// a lag computed from it is never shorter than the real one.
std::vector<WatchSample> WatchReplica(const Options& o,
                                      const std::atomic<bool>& done,
                                      const std::atomic<int64_t>& expected,
                                      std::string* error) {
  auto stub = teamload::v1::TeamService::NewStub(
      grpc::CreateChannel(o.watch_address, grpc::InsecureChannelCredentials()));
  std::vector<WatchSample> samples;
  int64_t last = -1;
  absl::Time give_up = absl::InfiniteFuture();
  for (;;) {
    if (done.load() && give_up == absl::InfiniteFuture()) {
      give_up = absl::Now() + absl::Seconds(o.watch_seconds);
    }
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    teamload::v1::ListTeamsResponse response;
    const grpc::Status status =
        stub->ListTeams(&context, teamload::v1::ListTeamsRequest(), &response);
    const absl::Time now = absl::Now();
    if (!status.ok()) {
      *error = status.error_message();
      break;
    }
    int64_t total = 0;
    for (const auto& team : response.teams()) {
      for (const auto& [kind, count] : team.signal_counts()) total += count;
    }
    if (total != last) {
      samples.push_back({absl::ToUnixNanos(now), total});
      last = total;
    }
    if (done.load() && total >= expected.load()) break;
    if (now > give_up) {
      *error = absl::StrFormat(
          "the watched replica held %d of %d signals "
          "%.0f s after the ingest ended",
          total, expected.load(), o.watch_seconds);
      break;
    }
    absl::SleepFor(absl::Milliseconds(2));
  }
  return samples;
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const std::size_t i =
      std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()));
  std::nth_element(v.begin(), v.begin() + i, v.end());
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{
      "teamload-loadgen: stream synthetic signals to teamloadd and measure"};
  app.option_defaults()->always_capture_default();  // --help shows them
  app.add_option("--addr", o.address, "teamloadd gRPC address");
  app.add_option("--signals", o.signals, "Signals to send in all");
  app.add_option("--batch", o.batch, "Signals per request");
  app.add_option("--streams", o.streams, "Concurrent IngestStream calls");
  app.add_option("--window", o.window, "Requests in flight per stream");
  app.add_option("--teams", o.teams, "Spread signals over this many teams");
  app.add_option("--team-prefix", o.team_prefix,
                 "Team names are PREFIX000, PREFIX001, ...");
  app.add_option("--run", o.run,
                 "Id prefix; reuse it to measure duplicate handling");
  app.add_flag("--list-narratives", o.list_narratives,
               "Meanwhile, another client calls ListNarratives for every "
               "team in a loop");
  app.add_option("--watch", o.watch_address,
                 "Meanwhile, poll this other replica's ListTeams and record "
                 "when its signal count grew (see --watch-out)");
  app.add_option("--watch-out", o.watch_out,
                 "With --watch: write UNIX_NS TOTAL per change seen");
  app.add_option("--watch-seconds", o.watch_seconds,
                 "With --watch: how long after the ingest to wait for the "
                 "other replica to hold every signal");
  app.add_option("--acks-out", o.acks_out,
                 "Write FIRST COUNT SENT_NS ACKED_NS per acknowledged batch");
  CLI11_PARSE(app, argc, argv);

  std::atomic<bool> ingest_done{false};
  std::vector<double> list_latencies;
  std::string list_error;
  std::thread lister;
  if (o.list_narratives) {
    lister = std::thread([&] {
      list_latencies = ListNarrativesUntil(o, ingest_done, &list_error);
    });
  }

  std::atomic<int64_t> watch_expected{0};
  std::vector<WatchSample> watch_samples;
  std::string watch_error;
  std::thread watcher;
  if (!o.watch_address.empty()) {
    watcher = std::thread([&] {
      watch_samples =
          WatchReplica(o, ingest_done, watch_expected, &watch_error);
    });
  }

  std::vector<StreamResult> results(o.streams);
  std::vector<std::thread> threads;
  const int64_t per_stream = (o.signals + o.streams - 1) / o.streams;
  const absl::Time start = absl::Now();
  for (int s = 0; s < o.streams; ++s) {
    const int64_t first = s * per_stream;
    const int64_t count =
        std::max<int64_t>(0, std::min(per_stream, o.signals - first));
    threads.emplace_back(
        [&, s, first, count] { results[s] = RunStream(o, first, count); });
  }
  for (auto& t : threads) t.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  int64_t acknowledged = 0;
  for (const auto& r : results) acknowledged += r.acknowledged;
  watch_expected = acknowledged;
  ingest_done = true;
  if (lister.joinable()) lister.join();
  if (watcher.joinable()) watcher.join();

  if (!o.acks_out.empty()) {
    std::ofstream out(o.acks_out);
    for (const auto& r : results) {
      for (const BatchTimes& b : r.batches) {
        out << b.first << ' ' << b.count << ' ' << b.sent_ns << ' '
            << b.acked_ns << '\n';
      }
    }
  }
  if (!o.watch_out.empty()) {
    std::ofstream out(o.watch_out);
    for (const WatchSample& s : watch_samples) {
      out << s.unix_ns << ' ' << s.total << '\n';
    }
  }

  std::vector<double> latencies;
  for (const auto& r : results) {
    latencies.insert(latencies.end(), r.latencies_ms.begin(),
                     r.latencies_ms.end());
    if (!r.error.empty()) absl::FPrintF(stderr, "stream failed: %s\n", r.error);
  }
  absl::PrintF(
      "signals acknowledged: %d in %.2f s = %.0f signals/s (batch %d, %d "
      "streams x %d in "
      "flight)\nbatch latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
      acknowledged, seconds, acknowledged / seconds, o.batch, o.streams,
      o.window, Percentile(latencies, 0.50), Percentile(latencies, 0.90),
      Percentile(latencies, 0.99), Percentile(latencies, 1.0));
  if (o.list_narratives) {
    if (!list_error.empty()) {
      absl::FPrintF(stderr, "ListNarratives failed: %s\n", list_error);
    }
    absl::PrintF(
        "meanwhile ListNarratives (every team): %d calls, ms p50 %.1f  p99 "
        "%.1f  max %.1f\n",
        list_latencies.size(), Percentile(list_latencies, 0.50),
        Percentile(list_latencies, 0.99), Percentile(list_latencies, 1.0));
  }
  if (!o.watch_address.empty()) {
    if (!watch_error.empty()) {
      absl::FPrintF(stderr, "watching %s: %s\n", o.watch_address, watch_error);
    }
    absl::PrintF("watched %s: %d changes seen, last total %d\n",
                 o.watch_address, watch_samples.size(),
                 watch_samples.empty() ? 0 : watch_samples.back().total);
  }
  return acknowledged == o.signals && watch_error.empty() ? 0 : 1;
}
