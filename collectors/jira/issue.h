// Jira issues to deferral signals, and epics carrying a migration label to
// migration signals. Pure: bytes in, no I/O.
//
// Reads REST issues fetched with ?expand=changelog: one issue
// ({"key": ..., "fields": ..., "changelog": ...}) or a search page
// ({"issues": [...], "startAt": ..., "total": ...}). An issue has been
// deferred once more each time its changelog shows it
//   - moved out of a sprint, or carried into another one,
//   - its fix version replaced by another,
//   - its due date pushed later.
// Only issues deferred at least once become signals; a resolution closes
// the deferral (resolved, with resolved_at).
//
// An epic (issue type "Epic") carrying MigrationLabels::label is a
// migration: started when created, planned to end on its due date, finished
// when resolved, and looked back on when its changelog shows the
// retrospective label added (or, without a changelog, when it was last
// updated, if it carries that label).
//
// Thread-compatible: use one Parser per thread.
#ifndef TEAMLOAD_COLLECTORS_JIRA_ISSUE_H_
#define TEAMLOAD_COLLECTORS_JIRA_ISSUE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/json_parser.h"
#include "collectors/common/record_error.h"
#include "collectors/common/team_mapping.h"
#include "collectors/common/tracked_item.h"
#include "simdjson.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors::jira {

// A Jira issue: key, summary (as title), labels, due date (as planned
// end), deferrals and label history, with what the team mapping reads.
struct Issue : TrackedItem {
  std::string project;
  std::string issue_type;  // "Epic", "Story", ...
  std::vector<std::string> components;
};

struct ParseResult {
  std::vector<Issue> issues;
  std::vector<RecordError> errors;
};

class Parser : public JsonParser<ParseResult> {
 private:
  void Read(simdjson::dom::element doc, absl::string_view name,
            ParseResult& out) override;
};

// The deferral signal "jira:<key>", or nullopt: for an issue never deferred
// (nothing to say, `unmapped` left empty) or one no team claims (`unmapped`
// names it). Owners are looked up by component ("PROJECT/component"), then
// label, then project.
std::optional<teamload::v1::Signal> ToSignal(const Issue& issue,
                                             const TeamMapping& mapping,
                                             std::string* unmapped);

// The migration signal "jira:migration/<key>" for an epic carrying
// `options.label`, mapped like ToSignal; nullopt for any other issue
// (`unmapped` left empty) or one no team claims (`unmapped` names it).
std::optional<teamload::v1::Signal> ToMigrationSignal(
    const Issue& issue, const TeamMapping& mapping,
    const MigrationLabels& options, std::string* unmapped);

}  // namespace teamload::collectors::jira

#endif  // TEAMLOAD_COLLECTORS_JIRA_ISSUE_H_
