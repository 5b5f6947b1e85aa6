// Micro-benchmarks of the ingest hot path: validation, hashing, the store's
// group write and the whole Ingestor, on a real SQLite file.
#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/ingest/validate.h"
#include "daemon/model/model.h"
#include "daemon/store/store.h"
#include "daemon/util/clock.h"

namespace teamload {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'795'737'600);

v1::Signal MakePage(int64_t n, const std::string& run = "bench") {
  v1::Signal s;
  s.set_id(absl::StrCat(run, ":", n));
  s.set_team(absl::StrCat("team-", n % 100));
  s.set_source("pagerduty");
  s.mutable_occurred_at()->set_seconds(1'795'000'000 + n);
  s.mutable_page()->set_service("checkout-api");
  s.mutable_page()->set_urgency(v1::URGENCY_HIGH);
  s.mutable_page()->set_title("5xx rate above 2% on checkout-api");
  s.mutable_page()->mutable_time_to_ack()->set_seconds(240);
  return s;
}

std::vector<config::TeamConfig> Teams() {
  std::vector<config::TeamConfig> teams;
  for (int i = 0; i < 100; ++i)
    teams.push_back({.name = absl::StrCat("team-", i)});
  return teams;
}

std::string FreshStoreUrl(const char* name) {
  const auto path = std::filesystem::temp_directory_path() /
                    absl::StrCat("teamload-bench-", name);
  std::filesystem::remove_all(path);
  return absl::StrCat("sqlite:", (path / "store.db").string());
}

void BM_ValidateSignal(benchmark::State& state) {
  const v1::Signal signal = MakePage(1);
  const auto known = [](absl::string_view) { return true; };
  for (auto _ : state)
    benchmark::DoNotOptimize(ingest::ValidateSignal(signal, known, kNow));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ValidateSignal);

void BM_SerializeAndHash(benchmark::State& state) {
  const v1::Signal signal = MakePage(1);
  std::string body;
  for (auto _ : state) {
    signal.SerializeToString(&body);
    benchmark::DoNotOptimize(model::ContentHash(body));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SerializeAndHash);

// One durable transaction of `batch` revisions (fsync included).
void BM_SqliteWriteBatch(benchmark::State& state) {
  auto store = *store::Store::Open(FreshStoreUrl("write"));
  int64_t n = 0;
  for (auto _ : state) {
    store::WriteBatch batch;
    for (int i = 0; i < state.range(0); ++i, ++n) {
      const v1::Signal s = MakePage(n);
      batch.revisions.push_back(
          {s.id(), 1, s.team(), "page", kNow, kNow, s.SerializeAsString()});
    }
    benchmark::DoNotOptimize(store->Write(batch));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SqliteWriteBatch)->Arg(1000)->Arg(10000)->UseRealTime();

// The whole ingest path for one request of `batch` new signals.
void BM_IngestorIngest(benchmark::State& state) {
  auto store = *store::Store::Open(FreshStoreUrl("ingest"));
  model::Model model(Teams());
  util::FakeClock clock(kNow);
  ingest::Ingestor ingestor(store.get(), &model, &clock);
  int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    v1::IngestRequest request;
    for (int i = 0; i < state.range(0); ++i)
      *request.add_signals() = MakePage(n++);
    state.ResumeTiming();
    benchmark::DoNotOptimize(ingestor.Ingest(request));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_IngestorIngest)->Arg(1000)->UseRealTime();

}  // namespace
}  // namespace teamload

BENCHMARK_MAIN();
