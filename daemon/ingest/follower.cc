#include "daemon/ingest/follower.h"

#include <utility>

#include "absl/status/statusor.h"
#include "daemon/util/log.h"

namespace teamload::ingest {
namespace {

// The longest real wait in one go: how late a stop, a moved FakeClock or a
// notice after a failed listen is noticed.
constexpr absl::Duration kNap = absl::Milliseconds(100);
constexpr int kErrorLinesPerSecond = 1;

}  // namespace

Follower::Follower(store::Store* store, model::Model* model,
                   const util::Clock* clock, int64_t cursor, Options options)
    : store_(store),
      model_(model),
      clock_(clock),
      options_(options),
      errors_(clock, kErrorLinesPerSecond),
      cursor_(cursor) {}

Follower::~Follower() { Stop(); }

void Follower::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Follower::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status Follower::CatchUp() {
  absl::MutexLock catching_up(&catch_up_mu_);
  for (;;) {
    const int64_t from = cursor();
    absl::StatusOr<store::ChangeBatch> batch =
        store_->ReadChangesSince(from, options_.batch_rows);
    if (!batch.ok()) return batch.status();
    if (batch->cursor == from) return absl::OkStatus();
    // Erasures first: every revision still in the feed was written after
    // its id's erasures (store.h), so a signal sent again stays.
    std::vector<std::string> erased_ids;
    for (const store::SignalKey& erased : batch->erased) {
      erased_ids.push_back(erased.id);
    }
    const int64_t erased = erased_ids.empty() ? 0 : model_->Erase(erased_ids);
    absl::StatusOr<Counts> applied =
        model_->ApplyStored(batch->revisions, batch->coverage);
    if (!applied.ok()) return applied.status();
    if (applied->unknown_team > 0) {
      errors_.Warning(
          "another replica wrote %d rows of teams not in this config; they "
          "are left out until the teams are added here",
          applied->unknown_team);
    }
    absl::MutexLock lock(&mu_);
    cursor_ = batch->cursor;
    totals_.applied += applied->applied;
    totals_.known += applied->known;
    totals_.unknown_team += applied->unknown_team;
    totals_.erased += erased;
  }
}

void Follower::Run() {
  absl::Time next_poll = absl::InfinitePast();
  bool heard = false;
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    if (heard || clock_->Now() >= next_poll) {
      if (absl::Status s = CatchUp(); !s.ok()) {
        errors_.Error(
            "could not follow what other replicas wrote; trying again in %s: "
            "%s",
            absl::FormatDuration(options_.poll_interval), s.ToString());
      }
      next_poll = clock_->Now() + options_.poll_interval;
    }
    absl::StatusOr<bool> notice = store_->AwaitChangeNotice(kNap);
    heard = notice.ok() && *notice;
    if (!notice.ok()) {
      // No notices now: polling alone, napping on the stop condition.
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), kNap);
    }
  }
}

int64_t Follower::cursor() const {
  absl::MutexLock lock(&mu_);
  return cursor_;
}

Follower::Counts Follower::Totals() const {
  absl::MutexLock lock(&mu_);
  return totals_;
}

}  // namespace teamload::ingest
