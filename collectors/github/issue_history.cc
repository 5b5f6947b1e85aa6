#include "collectors/github/issue_history.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace teamload::collectors::github {
namespace {

// Within one second a reopen comes first and a close last, so whatever else
// happened in that second happened while the issue was open.
int Rank(EventKind kind) {
  switch (kind) {
    case EventKind::kReopened:
      return 0;
    case EventKind::kClosed:
      return 2;
    default:
      return 1;
  }
}

// What makes two reports the same change, whatever shape they came in.
std::string ContentKey(const IssueEvent& event) {
  return absl::StrFormat("%s|%d|%s|%d", event.issue,
                         static_cast<int>(event.kind), event.subject,
                         absl::ToUnixSeconds(event.at));
}

}  // namespace

IssueHistory::IssueHistory(std::set<std::string> deferral_labels)
    : deferral_labels_(std::move(deferral_labels)) {}

void IssueHistory::Add(ParseResult& parsed) {
  for (IssueSnapshot& issue : parsed.issues) {
    newest_ = std::max(newest_, issue.updated_at);
    auto it = newest_snapshot_.find(issue.key);
    if (it == newest_snapshot_.end()) {
      newest_snapshot_.emplace(issue.key, std::move(issue));
    } else if (issue.updated_at >= it->second.updated_at) {
      it->second = std::move(issue);
    }
  }
  for (std::string& key : parsed.pull_requests) {
    pull_requests_.insert(std::move(key));
  }
  for (IssueEvent& event : parsed.events) {
    const bool new_id = !event.id || event_ids_.insert(*event.id).second;
    const bool new_content = event_contents_.insert(ContentKey(event)).second;
    if (!new_id || !new_content) {
      ++duplicate_events_;
      continue;
    }
    newest_ = std::max(newest_, event.at);
    events_[event.issue].push_back(std::move(event));
  }
}

std::vector<Issue> IssueHistory::Issues() const {
  std::set<std::string> keys;
  for (const auto& [key, snapshot] : newest_snapshot_) keys.insert(key);
  for (const auto& [key, events] : events_) keys.insert(key);
  std::vector<Issue> issues;
  for (const std::string& key : keys) {
    if (pull_requests_.contains(key)) continue;
    auto snapshot = newest_snapshot_.find(key);
    auto events = events_.find(key);
    issues.push_back(Fold(
        key, snapshot == newest_snapshot_.end() ? nullptr : &snapshot->second,
        events == events_.end() ? std::vector<IssueEvent>{} : events->second));
  }
  return issues;
}

Issue IssueHistory::Fold(const std::string& key, const IssueSnapshot* snapshot,
                         std::vector<IssueEvent> events) const {
  Issue issue;
  issue.key = key;
  issue.repository = key.substr(0, key.rfind('#'));
  if (snapshot != nullptr) {
    issue.repository = snapshot->repository;
    issue.title = snapshot->title;
    issue.labels = snapshot->labels;
    issue.created_at = snapshot->created_at;
    issue.updated_at = snapshot->updated_at;
    issue.planned_end = snapshot->milestone_due;
    // The snapshot saw the issue closed since closed_at, or open at
    // updated_at.
    IssueEvent state;
    state.issue = key;
    state.kind = snapshot->closed ? EventKind::kClosed : EventKind::kReopened;
    state.at = snapshot->closed && snapshot->closed_at != absl::InfiniteFuture()
                   ? snapshot->closed_at
                   : snapshot->updated_at;
    events.push_back(std::move(state));
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const IssueEvent& a, const IssueEvent& b) {
                     return std::make_tuple(a.at, Rank(a.kind)) <
                            std::make_tuple(b.at, Rank(b.kind));
                   });
  bool open = true;
  for (const IssueEvent& event : events) {
    bool defers = false;
    switch (event.kind) {
      case EventKind::kDemilestoned:
        defers = open;
        break;
      case EventKind::kLabeled:
        defers = open && deferral_labels_.contains(event.subject);
        issue.labels_added[event.subject] = event.at;
        break;
      case EventKind::kUnlabeled:
        break;
      case EventKind::kClosed:
        if (open) issue.resolved_at = event.at;
        open = false;
        break;
      case EventKind::kReopened:
        open = true;
        issue.resolved_at = absl::InfiniteFuture();
        break;
    }
    if (defers) {
      ++issue.times_deferred;
      issue.first_deferred_at = std::min(issue.first_deferred_at, event.at);
    }
  }
  return issue;
}

namespace {

// The team that owns `issue`: by label, then repository; nullopt with
// `unmapped` naming it.
std::optional<std::string> TeamOf(const Issue& issue,
                                  const TeamMapping& mapping,
                                  std::string* unmapped) {
  std::optional<std::string> team;
  for (const std::string& label : issue.labels) {
    if (!team) team = mapping.TeamFor("github", "labels", label);
  }
  if (!team) team = mapping.TeamFor("github", "repositories", issue.repository);
  if (!team) {
    *unmapped =
        absl::StrFormat("issue %s (repository %s, labels [%s])", issue.key,
                        issue.repository, absl::StrJoin(issue.labels, " "));
  }
  return team;
}

}  // namespace

std::optional<teamload::v1::Signal> ToSignal(const Issue& issue,
                                             const TeamMapping& mapping,
                                             std::string* unmapped) {
  return DeferralSignal("github", issue,
                        [&] { return TeamOf(issue, mapping, unmapped); });
}

std::optional<teamload::v1::Signal> ToMigrationSignal(
    const Issue& issue, const TeamMapping& mapping,
    const MigrationLabels& options, std::string* unmapped) {
  return MigrationSignal("github", issue, options,
                         [&] { return TeamOf(issue, mapping, unmapped); });
}

}  // namespace teamload::collectors::github
