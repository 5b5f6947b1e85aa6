// Parser: GitHub JSON in, what it says about issues out. Pure: bytes in, no
// I/O.
//
// Tells three shapes apart by their content:
//   - an issues list, `GET /repos/{owner}/{repo}/issues?state=all`: an array
//     of issue objects ({"number": ..., "repository_url": ...}); items with a
//     "pull_request" key are pull requests and say nothing about deferrals;
//   - an issue events list: an array of events ({"event": ..., "created_at":
//     ...}). The repository list (`.../issues/events`) embeds each event's
//     "issue"; the per-issue list (`.../issues/{number}/events`) does not, so
//     then the issue comes from `name`, which must end like the API path:
//     ".../<owner>/<repo>/issues/<number>/events.json";
//   - an `issues` webhook payload ({"action": ..., "issue": {...},
//     "repository": {"full_name": ...}}). A webhook carries no event time: a
//     close happened at the issue's closed_at, anything else at its
//     updated_at.
// A single issue or event object is read too. Every issue object is a
// snapshot of the issue; the events that matter for deferrals (demilestoned,
// labeled, unlabeled, closed, reopened) come out as IssueEvents, others are
// read and dropped. A malformed record is reported with where it is (file and
// JSON path) and why, and the rest of the document is still read.
//
// Thread-compatible: use one Parser per thread.
#ifndef TEAMLOAD_COLLECTORS_GITHUB_PARSER_H_
#define TEAMLOAD_COLLECTORS_GITHUB_PARSER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/json_parser.h"
#include "collectors/common/record_error.h"
#include "simdjson.h"

namespace teamload::collectors::github {

// What one issue object said at `updated_at`.
struct IssueSnapshot {
  std::string key;         // "acme/payments#42"
  std::string repository;  // "acme/payments"
  std::string title;
  std::vector<std::string> labels;
  bool closed = false;
  absl::Time closed_at = absl::InfiniteFuture();  // unknown: InfiniteFuture
  absl::Time updated_at = absl::InfinitePast();
  absl::Time created_at = absl::InfiniteFuture();  // unknown: InfiniteFuture
  // Its milestone's due_on: when a migration tracked by it is planned to end.
  absl::Time milestone_due = absl::InfiniteFuture();
};

enum class EventKind {
  kDemilestoned,
  kLabeled,
  kUnlabeled,
  kClosed,
  kReopened
};

struct IssueEvent {
  std::string issue;  // the IssueSnapshot key
  EventKind kind = EventKind::kDemilestoned;
  std::string subject;  // the label's name, or the milestone's title
  absl::Time at = absl::InfinitePast();
  std::optional<int64_t> id;  // REST events have one; webhooks do not
};

struct ParseResult {
  std::vector<IssueSnapshot> issues;
  std::vector<IssueEvent> events;
  std::vector<std::string> pull_requests;  // keys of pull requests seen
  int64_t records = 0;  // issues, events and webhooks read without error
  std::vector<RecordError> errors;
};

class Parser : public JsonParser<ParseResult> {
 private:
  void Read(simdjson::dom::element doc, absl::string_view name,
            ParseResult& out) override;
};

// The repository and number of a per-issue events list named like its API
// path (".../acme/payments/issues/42/events.json" or the URL itself): the key
// "acme/payments#42", or nullopt.
std::optional<std::string> IssueKeyFromName(absl::string_view name);

}  // namespace teamload::collectors::github

#endif  // TEAMLOAD_COLLECTORS_GITHUB_PARSER_H_
