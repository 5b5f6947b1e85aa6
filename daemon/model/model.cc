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
  state_.resize(teams_.size());
}

absl::Status Model::Rebuild(store::Store& store) {
  absl::MutexLock lock(&mu_);
  absl::Status status = store.ForEachRevision([&](const store::Revision& r) {
    const std::optional<Kind> kind = KindFromName(r.kind);
    if (!kind.has_value()) {
      return absl::DataLossError(
          absl::StrFormat("revision %d of %s has unknown kind \"%s\"",
                          r.revision, r.id, r.kind));
    }
    if (!team_index_.contains(r.team)) {
      return absl::FailedPreconditionError(
          absl::StrFormat("the store holds signals of team \"%s\" (e.g. %s), "
                          "which is not in the "
                          "config; add the team back to the config",
                          r.team, r.id));
    }
    ApplyOneLocked(
        AppliedRevision{r.id, r.revision, ContentHash(r.body), r.team, *kind});
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
  KnownContent known{.revision = it->second.revision,
                     .seen = it->second.content_hash == content_hash};
  if (!known.seen && it->second.revision > 1) {
    const std::vector<uint64_t>& earlier = earlier_hashes_.at(key);
    known.seen = std::find(earlier.begin(), earlier.end(), content_hash) !=
                 earlier.end();
  }
  return known;
}

void Model::Apply(const std::vector<AppliedRevision>& revisions,
                  const std::vector<store::CoverageMark>& coverage) {
  absl::MutexLock lock(&mu_);
  for (const AppliedRevision& r : revisions) ApplyOneLocked(r);
  for (const store::CoverageMark& mark : coverage) ApplyCoverageLocked(mark);
}

void Model::ApplyOneLocked(const AppliedRevision& r) {
  const uint32_t team = team_index_.at(r.team);
  const IdKey key = KeyOf(r.id);
  auto [it, inserted] = signals_.try_emplace(key);
  Entry& entry = it->second;
  if (!inserted) {
    earlier_hashes_[key].push_back(entry.content_hash);
    // A revision may move a signal to another team or kind.
    --state_[entry.team].counts[entry.kind];
  }
  entry = Entry{.content_hash = r.content_hash,
                .revision = static_cast<uint32_t>(r.revision),
                .team = team,
                .kind = static_cast<uint32_t>(r.kind)};
  ++state_[team].counts[static_cast<int>(r.kind)];
}

void Model::ApplyCoverageLocked(const store::CoverageMark& mark) {
  absl::Time& through =
      state_[team_index_.at(mark.team)]
          .covered_through.try_emplace(mark.source, absl::InfinitePast())
          .first->second;
  through = std::max(through, mark.covered_through);
}

teamload::v1::Team Model::TeamLocked(uint32_t index) const {
  const config::TeamConfig& config = teams_[index];
  const TeamState& state = state_[index];
  teamload::v1::Team team;
  team.set_name(config.name);
  team.set_timezone(config.timezone);
  team.set_oncall_size(config.oncall_size);
  for (const std::string& source : config.expected_sources) {
    team.add_expected_sources(source);
  }
  for (Kind kind : kAllKinds) {
    (*team.mutable_signal_counts())[std::string(KindName(kind))] =
        state.counts[static_cast<int>(kind)];
  }
  std::vector<std::pair<std::string, absl::Time>> coverage(
      state.covered_through.begin(), state.covered_through.end());
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

int64_t Model::SignalCount() const {
  absl::ReaderMutexLock lock(&mu_);
  return static_cast<int64_t>(signals_.size());
}

}  // namespace teamload::model
