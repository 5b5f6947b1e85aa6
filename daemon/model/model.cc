#include "daemon/model/model.h"

#include <xxhash.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <deque>
#include <thread>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/time_util.h"
#include "text/abbreviate.h"

namespace teamload::model {

uint64_t ContentHash(absl::string_view serialized_signal) {
  return XXH3_64bits(serialized_signal.data(), serialized_signal.size());
}

Model::IdKey Model::KeyOf(absl::string_view id) {
  const XXH128_hash_t h = XXH3_128bits(id.data(), id.size());
  return absl::MakeUint128(h.high64, h.low64);
}

Model::Entry* Model::IdIndex::Find(IdKey key) {
  auto it = records_.find(key);
  return it == records_.end() ? nullptr : &At(*it).entry;
}

const Model::Entry* Model::IdIndex::Find(IdKey key) const {
  auto it = records_.find(key);
  return it == records_.end() ? nullptr : &At(*it).entry;
}

std::pair<Model::Entry*, bool> Model::IdIndex::FindOrInsert(IdKey key) {
  bool inserted = false;
  // One probe for both: the record is written, then its number put in the
  // slot found for it, only when the key is new.
  const uint32_t record = *records_.lazy_emplace(key, [&](const auto& put) {
    if (size_ % kChunkRecords == 0) {
      chunks_.push_back(
          std::make_unique_for_overwrite<Record[]>(kChunkRecords));
    }
    At(size_) = Record{.key = key, .entry = {}};
    inserted = true;
    put(size_++);
  });
  return {&At(record).entry, inserted};
}

Model::Model(const std::vector<config::TeamConfig>& teams,
             const themes::Reader* reader)
    : teams_(teams), reader_(reader) {
  std::sort(teams_.begin(), teams_.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  for (uint32_t i = 0; i < teams_.size(); ++i) team_index_[teams_[i].name] = i;
  history_.resize(teams_.size());
}

absl::Status Model::Rebuild(store::Store& store) {
  // Reading the store's rows and parsing their bodies takes about as long as
  // applying them, so a reader thread does the first, in batches, while this
  // thread applies the batches before: a cold start takes the longer of the
  // two rather than their sum. Batches are in the store's order, and the
  // reader checks every row, so the first bad row is still the one named.
  struct Row {
    teamload::v1::Signal signal;
    uint64_t content_hash;
    absl::Time received_at;
  };
  // A few batches go back and forth, so each Row's message is parsed into
  // again and again: nothing is allocated (or freed on the other thread)
  // per row.
  struct Batch {
    std::vector<Row> rows = std::vector<Row>(4096);
    size_t size = 0;
  };
  absl::Mutex queue_mu;
  // Guarded by queue_mu: batches read and not yet applied, batches free for
  // the reader, whether it is done, and how its reading ended.
  std::deque<std::unique_ptr<Batch>> queue, spare;
  for (int i = 0; i < 4; ++i) spare.push_back(std::make_unique<Batch>());
  bool read_all = false;
  absl::Status read_status;
  const auto has_spare = [&] { return !spare.empty(); };
  const auto ready = [&] { return !queue.empty() || read_all; };
  const auto take_spare = [&] {
    absl::MutexLock lock(&queue_mu);
    queue_mu.Await(absl::Condition(&has_spare));
    std::unique_ptr<Batch> batch = std::move(spare.front());
    spare.pop_front();
    return batch;
  };
  const auto give = [&](auto& to, std::unique_ptr<Batch> batch) {
    absl::MutexLock lock(&queue_mu);
    to.push_back(std::move(batch));
  };
  std::thread reader([&] {
    std::unique_ptr<Batch> batch = take_spare();
    absl::Status status = store.ForEachRevision([&](const store::Revision& r) {
      Row& row = batch->rows[batch->size];
      if (!row.signal.ParseFromString(r.body) ||
          !KindOf(row.signal).has_value()) {
        return absl::DataLossError(absl::StrFormat(
            "revision %d of %s is not a readable signal", r.revision, r.id));
      }
      if (!team_index_.contains(row.signal.team())) {
        return absl::FailedPreconditionError(absl::StrFormat(
            "the store holds signals of team \"%s\" (e.g. %s), which is not "
            "in the config; add the team back to the config",
            row.signal.team(), r.id));
      }
      row.content_hash = ContentHash(r.body);
      row.received_at = r.received_at;
      if (++batch->size == batch->rows.size()) {
        give(queue, std::move(batch));
        batch = take_spare();
      }
      return absl::OkStatus();
    });
    give(queue, std::move(batch));
    absl::MutexLock lock(&queue_mu);
    read_status = std::move(status);
    read_all = true;
  });

  absl::MutexLock lock(&mu_);
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      absl::MutexLock queue_lock(&queue_mu);
      queue_mu.Await(absl::Condition(&ready));
      if (queue.empty()) break;  // and read_all
      batch = std::move(queue.front());
      queue.pop_front();
    }
    for (size_t i = 0; i < batch->size; ++i) {
      const Row& row = batch->rows[i];
      ApplyOneLocked({&row.signal, row.content_hash, row.received_at});
    }
    batch->size = 0;
    give(spare, std::move(batch));
  }
  reader.join();
  if (!read_status.ok()) return read_status;
  for (TeamHistory& history : history_) history.ShrinkToFit();
#ifdef __GLIBC__
  // What the vectors gave back (and the rebuild's batches) is free in
  // malloc's heap but still resident: hand it back to the system.
  malloc_trim(0);
#endif
  return store.ForEachCoverage([&](const store::CoverageMark& mark) {
    // Coverage of a team removed from the config is history, not an error.
    if (team_index_.contains(mark.team)) ApplyCoverageLocked(mark);
    return absl::OkStatus();
  });
}

bool Model::HasTeam(absl::string_view name) const {
  return team_index_.contains(name);
}

KnownContent Model::Lookup(absl::string_view id, uint64_t content_hash) const {
  absl::ReaderMutexLock lock(&mu_);
  return LookupLocked(KeyOf(id), content_hash);
}

KnownContent Model::LookupLocked(IdKey key, uint64_t content_hash) const {
  const Entry* entry = signals_.Find(key);
  if (entry == nullptr) return {};
  KnownContent known{.revision = 1,
                     .seen = entry->content_hash == content_hash};
  if (auto earlier = earlier_hashes_.find(key);
      earlier != earlier_hashes_.end()) {
    known.revision += static_cast<int64_t>(earlier->second.size());
    known.seen =
        known.seen || std::find(earlier->second.begin(), earlier->second.end(),
                                content_hash) != earlier->second.end();
  }
  return known;
}

void Model::Apply(const std::vector<AppliedRevision>& revisions,
                  const std::vector<store::CoverageMark>& coverage) {
  absl::MutexLock lock(&mu_);
  for (const AppliedRevision& r : revisions) {
    if (r.revision > 0) {
      const KnownContent known =
          LookupLocked(KeyOf(r.signal->id()), r.content_hash);
      if (known.seen || r.revision <= known.revision) continue;
    }
    ApplyOneLocked(r);
  }
  for (const store::CoverageMark& mark : coverage) ApplyCoverageLocked(mark);
  ++generation_;
}

absl::StatusOr<Model::StoredCounts> Model::ApplyStored(
    const std::vector<store::Revision>& revisions,
    const std::vector<store::CoverageMark>& coverage) {
  StoredCounts counts;
  // Parsed and hashed before taking the lock, which readers share.
  struct Parsed {
    teamload::v1::Signal signal;
    uint64_t content_hash;
    int64_t revision;
    absl::Time received_at;
  };
  std::vector<Parsed> parsed;
  parsed.reserve(revisions.size());
  for (const store::Revision& r : revisions) {
    Parsed& p = parsed.emplace_back();
    if (!p.signal.ParseFromString(r.body) || !KindOf(p.signal).has_value()) {
      return absl::DataLossError(absl::StrFormat(
          "revision %d of %s is not a readable signal", r.revision, r.id));
    }
    if (!team_index_.contains(p.signal.team())) {
      ++counts.unknown_team;
      parsed.pop_back();
      continue;
    }
    p.content_hash = ContentHash(r.body);
    p.revision = r.revision;
    p.received_at = r.received_at;
  }
  absl::MutexLock lock(&mu_);
  for (const Parsed& p : parsed) {
    const KnownContent known =
        LookupLocked(KeyOf(p.signal.id()), p.content_hash);
    if (known.seen || p.revision <= known.revision) {
      ++counts.known;
      continue;
    }
    ApplyOneLocked({&p.signal, p.content_hash, p.received_at});
    ++counts.applied;
  }
  for (const store::CoverageMark& mark : coverage) {
    if (!team_index_.contains(mark.team)) {
      ++counts.unknown_team;
      continue;
    }
    ApplyCoverageLocked(mark);
    ++counts.applied;
  }
  if (counts.applied > 0) ++generation_;
  return counts;
}

int64_t Model::Erase(const std::vector<std::string>& ids) {
  absl::MutexLock lock(&mu_);
  int64_t removed = 0;
  for (const std::string& id : ids) {
    const IdKey key = KeyOf(id);
    const Entry* entry = signals_.Find(key);
    if (entry == nullptr) continue;
    const Entry gone = *entry;
    // The fact first: moving the last fact into its place repoints that
    // fact's entry, found by its own id.
    RemoveFactLocked(gone);
    signals_.Erase(key);
    earlier_hashes_.erase(key);
    ++history_[gone.team].changes;
    ++removed;
  }
  if (removed > 0) ++generation_;
  return removed;
}

std::vector<std::string> Model::SurveyNotesOf(
    absl::string_view respondent) const {
  std::vector<std::string> ids;
  absl::ReaderMutexLock lock(&mu_);
  for (const TeamHistory& history : history_) {
    for (const SurveyFact& note : history.survey_notes) {
      if (note.respondent == respondent) ids.push_back(note.id);
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::optional<Model::FoundAnnotation> Model::FindAnnotation(
    absl::string_view id) const {
  absl::ReaderMutexLock lock(&mu_);
  const Entry* entry = signals_.Find(KeyOf(id));
  if (entry == nullptr || static_cast<Kind>(entry->kind) != Kind::kAnnotation) {
    return std::nullopt;
  }
  return FoundAnnotation{
      .team = teams_[entry->team].name,
      .annotation = history_[entry->team].annotations[entry->fact]};
}

void Model::RemoveFactLocked(const Entry& entry) {
  TeamHistory& history = history_[entry.team];
  // Moves the last fact into the hole and repoints its entry.
  const auto remove = [&](auto& facts, auto id_of) {
    if (entry.fact + 1 != facts.size()) {
      facts[entry.fact] = std::move(facts.back());
      signals_.Find(KeyOf(id_of(facts[entry.fact])))->fact = entry.fact;
    }
    facts.pop_back();
  };
  const auto id = [](const auto& fact) -> absl::string_view { return fact.id; };
  switch (static_cast<Kind>(entry.kind)) {
    case Kind::kPage:
      // The page's id stays in the arena: revisions that move a page between
      // teams are rare enough not to compact it.
      remove(history.pages,
             [&](const PageFact& p) { return history.PageId(p); });
      break;
    case Kind::kOops:
      remove(history.oopses, id);
      break;
    case Kind::kDeferral:
      remove(history.deferrals, id);
      break;
    case Kind::kSurveyNote:
      remove(history.survey_notes, id);
      break;
    case Kind::kMigration:
      remove(history.migrations, id);
      break;
    case Kind::kDeploy:
      // Like a page's, the deploy's id stays in its arena.
      remove(history.deploys,
             [&](const DeployFact& d) { return history.DeployId(d); });
      break;
    case Kind::kAnnotation:
      remove(history.annotations, id);
      break;
  }
}

uint32_t Model::PutFactLocked(uint32_t team, Kind kind,
                              const AppliedRevision& r,
                              std::optional<uint32_t> at) {
  const teamload::v1::Signal& signal = *r.signal;
  TeamHistory& history = history_[team];
  const auto put = [&](auto& facts, auto fact) -> uint32_t {
    if (at.has_value()) {
      facts[*at] = std::move(fact);
      return *at;
    }
    facts.push_back(std::move(fact));
    return static_cast<uint32_t>(facts.size() - 1);
  };
  // Pages and deploys keep their ids in an arena; a revision keeps its id,
  // and so its place there.
  const auto id_offset = [&](const auto& facts, std::string& arena) {
    if (at.has_value()) return facts[*at].id_offset;
    const auto offset = static_cast<uint32_t>(arena.size());
    arena += signal.id();
    return offset;
  };
  switch (kind) {
    case Kind::kPage:
      return put(
          history.pages,
          ToPageFact(signal, id_offset(history.pages, history.page_ids)));
    case Kind::kOops:
      return put(history.oopses, ToOopsFact(signal, Reader()));
    case Kind::kDeferral:
      return put(history.deferrals, ToDeferralFact(signal, r.received_at));
    case Kind::kSurveyNote:
      return put(history.survey_notes, ToSurveyFact(signal, Reader()));
    case Kind::kMigration:
      return put(history.migrations, ToMigrationFact(signal));
    case Kind::kDeploy:
      return put(
          history.deploys,
          ToDeployFact(signal, id_offset(history.deploys, history.deploy_ids)));
    case Kind::kAnnotation:
      return put(history.annotations, ToAnnotationFact(signal));
  }
  return 0;
}

void Model::ApplyOneLocked(const AppliedRevision& r) {
  const teamload::v1::Signal& signal = *r.signal;
  const uint32_t team = team_index_.at(signal.team());
  const Kind kind = *KindOf(signal);
  const IdKey key = KeyOf(signal.id());
  auto [entry, inserted] = signals_.FindOrInsert(key);
  std::optional<uint32_t> at;
  if (!inserted) {
    Entry& old = *entry;
    earlier_hashes_[key].push_back(old.content_hash);
    if (old.team == team && static_cast<Kind>(old.kind) == kind) {
      at =
          old.fact;  // the common case: the revision replaces the fact in place
    } else {
      RemoveFactLocked(
          old);  // a revision moved the signal to another team or kind
      ++history_[old.team].changes;
    }
  }
  const uint32_t fact = PutFactLocked(team, kind, r, at);
  ++history_[team].changes;
  // `entry` is still valid: nothing above inserted into signals_ (and
  // records never move anyway).
  *entry = Entry{.content_hash = r.content_hash,
                 .fact = fact,
                 .team = team,
                 .kind = static_cast<uint32_t>(kind)};
}

void Model::ApplyCoverageLocked(const store::CoverageMark& mark) {
  TeamHistory& history = history_[team_index_.at(mark.team)];
  absl::Time& through =
      history.covered_through.try_emplace(mark.source, absl::InfinitePast())
          .first->second;
  through = std::max(through, mark.covered_through);
  ++history.changes;
}

teamload::v1::Team Model::TeamLocked(uint32_t index) const {
  const config::TeamConfig& config = teams_[index];
  const TeamHistory& history = history_[index];
  teamload::v1::Team team;
  team.set_name(config.name);
  team.set_timezone(config.timezone);
  team.set_oncall_size(config.oncall_size);
  for (const std::string& source : config.expected_sources) {
    team.add_expected_sources(source);
  }
  auto& counts = *team.mutable_signal_counts();
  counts["page"] = static_cast<int64_t>(history.pages.size());
  counts["oops"] = static_cast<int64_t>(history.oopses.size());
  counts["deferral"] = static_cast<int64_t>(history.deferrals.size());
  counts["survey_note"] = static_cast<int64_t>(history.survey_notes.size());
  counts["migration"] = static_cast<int64_t>(history.migrations.size());
  counts["deploy"] = static_cast<int64_t>(history.deploys.size());
  counts["annotation"] = static_cast<int64_t>(history.annotations.size());
  std::vector<std::pair<std::string, absl::Time>> coverage(
      history.covered_through.begin(), history.covered_through.end());
  std::sort(coverage.begin(), coverage.end());
  for (const auto& [source, through] : coverage) {
    teamload::v1::Coverage* c = team.add_coverage();
    c->set_team(config.name);
    c->set_source(source);
    *c->mutable_covered_through() =
        google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
            absl::ToUnixNanos(through));
  }
  return team;
}

absl::StatusOr<teamload::v1::Team> Model::GetTeam(
    absl::string_view name) const {
  auto it = team_index_.find(name);
  if (it == team_index_.end()) {
    std::vector<absl::string_view> known;
    for (const auto& t : teams_) known.push_back(t.name);
    return absl::NotFoundError(
        absl::StrFormat("no team named \"%s\"; known teams: %s",
                        text::Abbreviated(name), absl::StrJoin(known, ", ")));
  }
  absl::ReaderMutexLock lock(&mu_);
  return TeamLocked(it->second);
}

std::vector<teamload::v1::Team> Model::ListTeams() const {
  absl::ReaderMutexLock lock(&mu_);
  std::vector<teamload::v1::Team> teams;
  teams.reserve(teams_.size());
  for (uint32_t i = 0; i < teams_.size(); ++i) teams.push_back(TeamLocked(i));
  return teams;
}

absl::Status Model::VisitTeam(absl::string_view name, TeamVisitor visit) const {
  auto it = team_index_.find(name);
  if (it == team_index_.end()) return GetTeam(name).status();
  absl::ReaderMutexLock lock(&mu_);
  visit(teams_[it->second], history_[it->second]);
  return absl::OkStatus();
}

void Model::VisitTeams(TeamVisitor visit) const {
  // The lock is taken per team, never across all of them: a writer waits for
  // at most one team's visit, not for a dashboard listing every team.
  for (uint32_t i = 0; i < teams_.size(); ++i) {
    absl::ReaderMutexLock lock(&mu_);
    visit(teams_[i], history_[i]);
  }
}

uint64_t Model::Generation() const {
  absl::ReaderMutexLock lock(&mu_);
  return generation_;
}

uint64_t Model::WaitForChange(uint64_t seen, absl::Duration timeout) const {
  struct Waiter {
    const uint64_t* generation;
    uint64_t seen;
    bool Changed() const { return *generation != seen; }
  };
  absl::ReaderMutexLock lock(&mu_);
  const Waiter waiter{&generation_, seen};
  mu_.AwaitWithTimeout(absl::Condition(&waiter, &Waiter::Changed), timeout);
  return generation_;
}

int64_t Model::SignalCount() const {
  absl::ReaderMutexLock lock(&mu_);
  return static_cast<int64_t>(signals_.size());
}

}  // namespace teamload::model
