#include "daemon/model/model.h"

#include <xxhash.h>

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/time_util.h"

namespace teamload::model {

uint64_t ContentHash(absl::string_view serialized_signal) {
  return XXH3_64bits(serialized_signal.data(), serialized_signal.size());
}

Model::IdKey Model::KeyOf(absl::string_view id) {
  const XXH128_hash_t h = XXH3_128bits(id.data(), id.size());
  return absl::MakeUint128(h.high64, h.low64);
}

Model::Model(const std::vector<config::TeamConfig>& teams) : teams_(teams) {
  std::sort(teams_.begin(), teams_.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  for (uint32_t i = 0; i < teams_.size(); ++i) team_index_[teams_[i].name] = i;
  history_.resize(teams_.size());
}

absl::Status Model::Rebuild(store::Store& store) {
  absl::MutexLock lock(&mu_);
  teamload::v1::Signal signal;
  absl::Status status = store.ForEachRevision([&](const store::Revision& r) {
    if (!signal.ParseFromString(r.body) || !KindOf(signal).has_value()) {
      return absl::DataLossError(absl::StrFormat(
          "revision %d of %s is not a readable signal", r.revision, r.id));
    }
    if (!team_index_.contains(signal.team())) {
      return absl::FailedPreconditionError(
          absl::StrFormat("the store holds signals of team \"%s\" (e.g. %s), "
                          "which is not in the "
                          "config; add the team back to the config",
                          signal.team(), r.id));
    }
    ApplyOneLocked({&signal, ContentHash(r.body), r.received_at});
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
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
  const IdKey key = KeyOf(id);
  auto it = signals_.find(key);
  if (it == signals_.end()) return {};
  KnownContent known{.revision = 1,
                     .seen = it->second.content_hash == content_hash};
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
  for (const AppliedRevision& r : revisions) ApplyOneLocked(r);
  for (const store::CoverageMark& mark : coverage) ApplyCoverageLocked(mark);
  ++generation_;
}

void Model::RemoveFactLocked(const Entry& entry) {
  TeamHistory& history = history_[entry.team];
  // Moves the last fact into the hole and repoints its entry.
  const auto remove = [&](auto& facts, auto id_of) {
    if (entry.fact + 1 != facts.size()) {
      facts[entry.fact] = std::move(facts.back());
      signals_.at(KeyOf(id_of(facts[entry.fact]))).fact = entry.fact;
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
  switch (kind) {
    case Kind::kPage: {
      // A revision keeps its id, and so its place in the arena.
      uint32_t id_offset;
      if (at.has_value()) {
        id_offset = history.pages[*at].id_offset;
      } else {
        id_offset = static_cast<uint32_t>(history.page_ids.size());
        history.page_ids += signal.id();
      }
      return put(history.pages, ToPageFact(signal, id_offset));
    }
    case Kind::kOops:
      return put(history.oopses, ToOopsFact(signal));
    case Kind::kDeferral:
      return put(history.deferrals, ToDeferralFact(signal, r.received_at));
    case Kind::kSurveyNote:
      return put(history.survey_notes, ToSurveyFact(signal));
  }
  return 0;
}

void Model::ApplyOneLocked(const AppliedRevision& r) {
  const teamload::v1::Signal& signal = *r.signal;
  const uint32_t team = team_index_.at(signal.team());
  const Kind kind = *KindOf(signal);
  const IdKey key = KeyOf(signal.id());
  auto [it, inserted] = signals_.try_emplace(key);
  std::optional<uint32_t> at;
  if (!inserted) {
    Entry& old = it->second;
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
  // `it` is still valid: nothing above inserted into signals_.
  it->second = Entry{.content_hash = r.content_hash,
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
        absl::StrFormat("no team named \"%s\"; known teams: %s", name,
                        absl::StrJoin(known, ", ")));
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
