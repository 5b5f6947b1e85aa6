// FlakyStore: a real store with faults on demand, for the ingest tests
// (a fake around a real store, not a mock).
//
// Test-only. Thread-safe as the store it wraps; the fault switches are
// atomics a test flips from its own thread.
#ifndef TEAMLOAD_DAEMON_INGEST_TESTING_STORE_H_
#define TEAMLOAD_DAEMON_INGEST_TESTING_STORE_H_

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "daemon/store/store.h"

namespace teamload::ingest {

// Delegates to a real store and fails writes on demand.
class FlakyStore final : public store::Store {
 public:
  explicit FlakyStore(std::unique_ptr<store::Store> real)
      : real_(std::move(real)) {}
  absl::Status Write(const store::WriteBatch& batch) override {
    ++writes;
    if (fail) return failure;
    absl::Status written = real_->Write(batch);
    if (written.ok() && lose_answer) return absl::UnavailableError("lost");
    return written;
  }
  absl::Status ForEachRevision(
      absl::FunctionRef<absl::Status(const store::Revision&)> visit) override {
    return real_->ForEachRevision(visit);
  }
  absl::Status ForEachCoverage(
      absl::FunctionRef<absl::Status(const store::CoverageMark&)> visit)
      override {
    return real_->ForEachCoverage(visit);
  }
  absl::StatusOr<std::vector<store::Revision>> Revisions(
      absl::string_view id) override {
    return real_->Revisions(id);
  }
  absl::StatusOr<std::string> TeamOf(absl::string_view id) override {
    if (fail) return failure;
    return real_->TeamOf(id);
  }
  absl::StatusOr<bool> ClaimReportSlot(absl::string_view report,
                                       absl::Time slot) override {
    return real_->ClaimReportSlot(report, slot);
  }
  absl::StatusOr<store::Erasure> EraseSignals(
      const std::vector<std::string>& ids) override {
    return real_->EraseSignals(ids);
  }
  absl::StatusOr<store::Erasure> EraseOccurredBefore(
      absl::string_view kind, absl::Time cutoff) override {
    return real_->EraseOccurredBefore(kind, cutoff);
  }
  absl::StatusOr<int> SchemaVersion() override {
    return real_->SchemaVersion();
  }
  absl::StatusOr<store::ChangeBatch> ReadChangesSince(int64_t cursor,
                                                      int limit) override {
    return real_->ReadChangesSince(cursor, limit);
  }
  absl::StatusOr<int64_t> ChangeCursor() override {
    return real_->ChangeCursor();
  }
  absl::StatusOr<bool> AwaitChangeNotice(absl::Duration at_most) override {
    if (deaf) return absl::UnavailableError("not listening");
    return real_->AwaitChangeNotice(at_most);
  }

  std::atomic<bool> fail = false;
  absl::Status failure = absl::UnavailableError("disk on fire");  // when fail
  std::atomic<int> writes = 0;
  // Commits, then answers UNAVAILABLE, as a connection lost at commit.
  std::atomic<bool> lose_answer = false;
  // Hears no change notices, as when LISTEN fails.
  std::atomic<bool> deaf = false;

 private:
  std::unique_ptr<store::Store> real_;
};

}  // namespace teamload::ingest

#endif  // TEAMLOAD_DAEMON_INGEST_TESTING_STORE_H_
