#include "daemon/ingest/ingestor.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "daemon/ingest/validate.h"
#include "daemon/model/kind.h"
#include "daemon/util/log.h"
#include "google/protobuf/util/time_util.h"

namespace teamload::ingest {
namespace {

using teamload::v1::Outcome;

// A group stops growing at this many signals, to bound its latency.
constexpr int64_t kMaxGroupSignals = 50'000;
// Times a group is decided again after another replica stored one of its
// ids first; each round learns what won, so more than one is already rare.
constexpr int kMaxRaceRounds = 8;
// A store failing every commit logs no more than this.
constexpr int kStoreErrorLinesPerSecond = 2;

// What the callers of a failed group are told: their request was not
// acknowledged, and when to send it again. A commit whose answer was lost
// (the connection dropped while it committed) may have stored it: sent
// again, whatever was stored comes back DUPLICATE, never twice.
absl::Status StoreFailure(const absl::Status& store) {
  if (store.code() == absl::StatusCode::kResourceExhausted) {
    return absl::ResourceExhaustedError(absl::StrFormat(
        "teamloadd's store is full, so nothing of this request was stored; "
        "send it again once the daemon's disk has room (%s)",
        store.message()));
  }
  return absl::UnavailableError(absl::StrFormat(
      "teamloadd's store could not write, so this request was not "
      "acknowledged; send it again, and what was stored after all comes back "
      "DUPLICATE (%s)",
      store.message()));
}

std::string OwnedByAnotherTeam(absl::string_view id) {
  return absl::StrFormat(
      "team: id \"%s\" already belongs to another team; a signal's team never "
      "changes (ids are owned by the team that first sent them)",
      id);
}

absl::Time ToTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

// A valid signal, serialized and hashed outside the commit path.
struct Prepared {
  int index;  // into the request's signals
  std::string body;
  uint64_t content_hash;
  model::Kind kind;
};

}  // namespace

struct Ingestor::Writer {
  const teamload::v1::IngestRequest* request;
  std::vector<Prepared> prepared;
  std::vector<store::CoverageMark> coverage;
  teamload::v1::IngestResponse response;
  absl::Status status;
  bool done = false;
  absl::CondVar cv;
};

Ingestor::Ingestor(store::Store* store, model::Model* model,
                   const util::Clock* clock, IngestObserver* observer)
    : store_(store),
      model_(model),
      clock_(clock),
      observer_(observer),
      store_errors_(clock, kStoreErrorLinesPerSecond) {}

absl::StatusOr<teamload::v1::IngestResponse> Ingestor::Ingest(
    const teamload::v1::IngestRequest& request) {
  Writer w;
  w.request = &request;
  const absl::Time now = clock_->Now();
  const auto known_team = [this](absl::string_view team) {
    return model_->HasTeam(team);
  };

  // Validation and serialization need no lock; do them before queueing.
  w.prepared.reserve(request.signals_size());
  for (int i = 0; i < request.signals_size(); ++i) {
    const teamload::v1::Signal& signal = request.signals(i);
    teamload::v1::SignalResult* result = w.response.add_results();
    result->set_id(signal.id());
    if (absl::Status s = ValidateSignal(signal, known_team, now); !s.ok()) {
      result->set_outcome(teamload::v1::OUTCOME_REJECTED);
      result->set_error(std::string(s.message()));
      continue;
    }
    Prepared p{.index = i, .kind = *model::KindOf(signal)};
    signal.SerializeToString(&p.body);
    p.content_hash = model::ContentHash(p.body);
    w.prepared.push_back(std::move(p));
  }
  for (const teamload::v1::Coverage& c : request.coverage()) {
    teamload::v1::CoverageResult* result = w.response.add_coverage_results();
    result->set_team(c.team());
    result->set_source(c.source());
    if (absl::Status s = ValidateCoverage(c, known_team, now); !s.ok()) {
      result->set_outcome(teamload::v1::OUTCOME_REJECTED);
      result->set_error(std::string(s.message()));
      continue;
    }
    result->set_outcome(teamload::v1::OUTCOME_ACCEPTED);
    w.coverage.push_back({c.team(), c.source(), ToTime(c.covered_through())});
  }

  absl::MutexLock lock(&mu_);
  writers_.push_back(&w);
  while (!w.done && &w != writers_.front()) w.cv.Wait(&mu_);
  if (w.done) {
    if (!w.status.ok()) return w.status;
    return std::move(w.response);
  }

  // This writer leads: it commits itself and everyone queued behind it.
  std::vector<Writer*> group;
  int64_t signals = 0;
  for (Writer* queued : writers_) {
    if (!group.empty() &&
        signals + static_cast<int64_t>(queued->prepared.size()) >
            kMaxGroupSignals) {
      break;
    }
    signals += static_cast<int64_t>(queued->prepared.size());
    group.push_back(queued);
  }
  mu_.Unlock();
  absl::Status status;
  {
    absl::MutexLock committing(&commit_mu_);
    status = CommitGroup(group);
  }
  if (!status.ok()) status = StoreFailure(status);
  mu_.Lock();

  for (Writer* member : group) {
    writers_.pop_front();
    member->status = status;
    if (status.ok()) {
      for (const auto& r : member->response.results()) {
        switch (r.outcome()) {
          case teamload::v1::OUTCOME_ACCEPTED:
            ++totals_.accepted;
            break;
          case teamload::v1::OUTCOME_DUPLICATE:
            ++totals_.duplicate;
            break;
          case teamload::v1::OUTCOME_REVISED:
            ++totals_.revised;
            break;
          default:
            ++totals_.rejected;
            break;
        }
      }
    }
    if (member != &w) {
      member->done = true;
      member->cv.Signal();
    }
  }
  if (!writers_.empty()) writers_.front()->cv.Signal();
  if (!status.ok()) return status;
  return std::move(w.response);
}

absl::Status Ingestor::CommitGroup(const std::vector<Writer*>& group) {
  const absl::Time received_at = clock_->Now();
  for (int round = 1;; ++round) {
    std::vector<std::string> raced;
    absl::Status status = DecideAndWrite(group, received_at, raced);
    if (status.code() != absl::StatusCode::kAlreadyExists ||
        round == kMaxRaceRounds) {
      NoteStoreOutcome(status);
      return status;
    }
    // Another replica stored one of these ids first. Learn what the store
    // holds for every id of the batch, then decide the group again: the
    // loser's signals become duplicates or revisions of what won.
    if (absl::Status learned = LearnStored(raced); !learned.ok()) {
      NoteStoreOutcome(learned);
      return learned;
    }
  }
}

absl::Status Ingestor::DecideAndWrite(const std::vector<Writer*>& group,
                                      absl::Time received_at,
                                      std::vector<std::string>& raced) {
  store::WriteBatch batch;
  std::vector<model::AppliedRevision> applied;
  // Ids revised earlier in this group, which the model has not seen yet.
  struct InGroup {
    int64_t revision;
    absl::string_view team;  // the owner, as named by the request that wrote it
    // Almost always one: an id sent twice in one group is rare.
    absl::InlinedVector<uint64_t, 1> hashes;
  };
  absl::flat_hash_map<absl::string_view, InGroup> in_group;
  size_t prepared = 0;
  for (const Writer* w : group) prepared += w->prepared.size();
  in_group.reserve(prepared);
  applied.reserve(prepared);
  batch.revisions.reserve(prepared);
  // Where each revision's body came from, to give it back if the group must
  // be decided again.
  std::vector<Prepared*> bodies_from;
  bodies_from.reserve(prepared);

  for (Writer* w : group) {
    for (Prepared& p : w->prepared) {
      const teamload::v1::Signal& signal = w->request->signals(p.index);
      teamload::v1::SignalResult* result = w->response.mutable_results(p.index);
      result->clear_error();
      model::KnownContent known = model_->Lookup(signal.id(), p.content_hash);
      auto it = in_group.find(signal.id());
      if (it != in_group.end()) {
        known.revision = it->second.revision;
        known.seen =
            known.seen ||
            std::find(it->second.hashes.begin(), it->second.hashes.end(),
                      p.content_hash) != it->second.hashes.end();
      }
      if (known.seen) {
        result->set_outcome(teamload::v1::OUTCOME_DUPLICATE);
        continue;
      }
      if (known.revision > 0) {
        absl::StatusOr<std::string> stored;
        absl::string_view owner;
        if (it != in_group.end()) {
          owner = it->second.team;
        } else {
          stored = OwnerOf(signal.id());
          if (!stored.ok()) return stored.status();
          owner = *stored;
        }
        if (owner != signal.team()) {
          result->set_outcome(teamload::v1::OUTCOME_REJECTED);
          result->set_error(OwnedByAnotherTeam(signal.id()));
          continue;
        }
      }
      const int64_t revision = known.revision + 1;
      result->set_outcome(revision == 1 ? teamload::v1::OUTCOME_ACCEPTED
                                        : teamload::v1::OUTCOME_REVISED);
      InGroup& mine = in_group[signal.id()];
      mine.revision = revision;
      mine.team = signal.team();
      mine.hashes.push_back(p.content_hash);
      applied.push_back({.signal = &signal,
                         .content_hash = p.content_hash,
                         .received_at = received_at,
                         .revision = revision});
      bodies_from.push_back(&p);
      batch.revisions.push_back({.id = signal.id(),
                                 .revision = revision,
                                 .team = signal.team(),
                                 .kind = std::string(model::KindName(p.kind)),
                                 .occurred_at = ToTime(signal.occurred_at()),
                                 .received_at = received_at,
                                 .body = std::move(p.body)});
    }
    batch.coverage.insert(batch.coverage.end(), w->coverage.begin(),
                          w->coverage.end());
  }
  if (batch.revisions.empty() && batch.coverage.empty())
    return absl::OkStatus();
  const auto started = std::chrono::steady_clock::now();
  const absl::Status written = store_->Write(batch);
  if (observer_ != nullptr) {
    observer_->StoreCommitted(
        absl::FromChrono(std::chrono::steady_clock::now() - started), written);
  }
  if (written.code() == absl::StatusCode::kAlreadyExists) {
    for (size_t i = 0; i < batch.revisions.size(); ++i) {
      raced.push_back(std::move(batch.revisions[i].id));
      bodies_from[i]->body = std::move(batch.revisions[i].body);
    }
  }
  if (!written.ok()) return written;
  model_->Apply(applied, batch.coverage);
  return absl::OkStatus();
}

absl::Status Ingestor::LearnStored(std::vector<std::string>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (const std::string& id : ids) {
    absl::StatusOr<std::vector<store::Revision>> stored = store_->Revisions(id);
    if (!stored.ok()) return stored.status();
    absl::StatusOr<model::Model::StoredCounts> applied =
        model_->ApplyStored(*stored, {});
    if (!applied.ok()) return applied.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Ingestor::OwnerOf(absl::string_view id) {
  absl::StatusOr<std::string> team = store_->TeamOf(id);
  if (!team.ok()) return team.status();
  // The model knew the id, so the store must: a store emptied under a
  // running daemon cannot say who owns what.
  if (team->empty()) {
    return absl::UnavailableError(absl::StrFormat(
        "the store has no revision of %s, which teamloadd loaded from it", id));
  }
  return team;
}

void Ingestor::NoteStoreOutcome(const absl::Status& status) {
  if (!status.ok()) {
    store_errors_.Error(
        "the store failed a commit; its requests were refused (clients "
        "resend): %s",
        status.ToString());
  }
  absl::MutexLock lock(&health_mu_);
  if (!status.ok()) ++failed_commits_;
  if (status.ok() == store_writable_) return;
  store_writable_ = status.ok();
  if (store_writable_) {
    util::LogInfo("the store writes again, after %d failed commits",
                  std::exchange(failed_commits_, 0));
  }
  if (listener_) listener_(store_writable_);
}

void Ingestor::SetStoreWritableListener(StoreWritableListener listener) {
  absl::MutexLock lock(&health_mu_);
  listener_ = std::move(listener);
  if (listener_) listener_(store_writable_);
}

absl::Status Ingestor::Exclusively(absl::FunctionRef<absl::Status()> write) {
  absl::MutexLock committing(&commit_mu_);
  return write();
}

IngestCounts Ingestor::Totals() const {
  absl::MutexLock lock(&mu_);
  return totals_;
}

}  // namespace teamload::ingest
