// IssueHistory: everything read about GitHub issues, across files and
// shapes, folded into one deferral story per issue. Pure: no I/O.
//
// An issue is deferred once more for each `demilestoned` event, and for each
// time one of the configured deferral labels is added, while it is open
// (taking the milestone off a closed issue is housekeeping). Closing it
// resolves the deferral, reopening reopens it. An event read twice (the same
// REST id, or the same issue, kind, subject and second, as when a webhook and
// an events list tell the same change) counts once. The newest snapshot of an
// issue gives its title, labels and state; its state counts as seen at
// closed_at (closed) or updated_at (open), so lists without close events
// still resolve. Pull requests are left out.
//
// An issue carrying MigrationLabels::label is a migration too: started
// when created, planned to end on its milestone's due date, finished when
// closed, looked back on when the retrospective label was last added.
//
// Thread-compatible.
#ifndef TEAMLOAD_COLLECTORS_GITHUB_ISSUE_HISTORY_H_
#define TEAMLOAD_COLLECTORS_GITHUB_ISSUE_HISTORY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "collectors/common/team_mapping.h"
#include "collectors/common/tracked_item.h"
#include "collectors/github/parser.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors::github {

// One issue's deferral story, and its repository.
struct Issue : TrackedItem {
  std::string repository;
};

class IssueHistory {
 public:
  // `deferral_labels`: labels whose addition defers an issue ("deferred",
  // "tech-debt"); with none, only demilestoned events do.
  explicit IssueHistory(std::set<std::string> deferral_labels);

  // Takes in what one document said (its snapshots, events and pull
  // requests; its errors are the caller's).
  void Add(ParseResult& parsed);

  // Every issue heard of, folded, sorted by key.
  std::vector<Issue> Issues() const;

  // The newest moment any snapshot or event read speaks of.
  absl::Time newest() const { return newest_; }
  // Events dropped because they had been read already.
  int64_t duplicate_events() const { return duplicate_events_; }

 private:
  Issue Fold(const std::string& key, const IssueSnapshot* snapshot,
             std::vector<IssueEvent> events) const;

  // Constant after construction.
  const std::set<std::string> deferral_labels_;

  std::map<std::string, IssueSnapshot> newest_snapshot_;   // by key
  std::map<std::string, std::vector<IssueEvent>> events_;  // by issue key
  std::set<std::string> pull_requests_;
  absl::flat_hash_set<int64_t> event_ids_;
  absl::flat_hash_set<std::string> event_contents_;
  absl::Time newest_ = absl::InfinitePast();
  int64_t duplicate_events_ = 0;
};

// The deferral signal "github:<owner>/<repo>#<number>", or nullopt: for an
// issue never deferred (nothing to say, `unmapped` left empty) or one no
// team claims (`unmapped` names it). Owners are looked up by label, then by
// repository ("owner/repo").
std::optional<teamload::v1::Signal> ToSignal(const Issue& issue,
                                             const TeamMapping& mapping,
                                             std::string* unmapped);

// The migration signal "github:migration/<owner>/<repo>#<number>" for an
// issue carrying `options.label` whose creation is known, mapped like
// ToSignal; nullopt for any other issue (`unmapped` left empty) or one no
// team claims (`unmapped` names it).
std::optional<teamload::v1::Signal> ToMigrationSignal(
    const Issue& issue, const TeamMapping& mapping,
    const MigrationLabels& options, std::string* unmapped);

}  // namespace teamload::collectors::github

#endif  // TEAMLOAD_COLLECTORS_GITHUB_ISSUE_HISTORY_H_
