#include "daemon/ingest/eraser.h"

#include <algorithm>
#include <utility>

#include "daemon/util/log.h"

namespace teamload::ingest {

Eraser::Eraser(store::Store* store, model::Model* model, Ingestor* ingestor,
               std::map<std::string, absl::Duration> retention,
               const util::Clock* clock)
    : store_(store),
      model_(model),
      ingestor_(ingestor),
      retention_(std::move(retention)),
      clock_(clock) {}

absl::StatusOr<Eraser::Counts> Eraser::EraseLocked(
    absl::FunctionRef<absl::StatusOr<store::Erasure>()> erase_in_store) {
  Counts counts;
  absl::Status status = ingestor_->Exclusively([&]() -> absl::Status {
    absl::StatusOr<store::Erasure> erased = erase_in_store();
    if (!erased.ok()) return erased.status();
    std::vector<std::string> ids;
    ids.reserve(erased->signals.size());
    for (const store::SignalKey& key : erased->signals) ids.push_back(key.id);
    model_->Erase(ids);
    counts = {.signals = static_cast<int64_t>(erased->signals.size()),
              .revisions = erased->revisions};
    for (const store::SignalKey& key : erased->signals) {
      counts.teams.push_back(key.team);
    }
    std::sort(counts.teams.begin(), counts.teams.end());
    counts.teams.erase(std::unique(counts.teams.begin(), counts.teams.end()),
                       counts.teams.end());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return counts;
}

absl::StatusOr<Eraser::Counts> Eraser::EraseSignal(absl::string_view id) {
  return EraseLocked([&] { return store_->EraseSignals({std::string(id)}); });
}

absl::StatusOr<Eraser::Counts> Eraser::EraseRespondent(
    absl::string_view respondent) {
  // The model holds every current survey note; resolved again under the
  // commit lock, so a note that arrives meanwhile is erased too.
  return EraseLocked(
      [&] { return store_->EraseSignals(model_->SurveyNotesOf(respondent)); });
}

absl::Status Eraser::Sweep() {
  const absl::Time now = clock_->Now();
  for (const auto& [kind, period] : retention_) {
    const absl::Time cutoff = now - period;
    absl::StatusOr<Counts> counts =
        EraseLocked([&] { return store_->EraseOccurredBefore(kind, cutoff); });
    if (!counts.ok()) {
      util::LogError("retention: could not erase %s signals older than %s: %s",
                     kind, absl::FormatDuration(period),
                     counts.status().message());
      return counts.status();
    }
    util::LogInfo(
        "retention: erased %d %s signals (%d revisions) that occurred before "
        "%s (kept %d days)",
        counts->signals, kind, counts->revisions,
        absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", cutoff, absl::UTCTimeZone()),
        absl::ToInt64Hours(period) / 24);
  }
  return absl::OkStatus();
}

}  // namespace teamload::ingest
