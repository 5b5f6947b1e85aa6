#include "collectors/github/parser.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::github {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;

bool Present(simdjson::simdjson_result<element> field) {
  return field.error() == simdjson::SUCCESS && !field.is_null();
}

// The event kinds that defer or resolve an issue; nullopt for the others
// (assigned, referenced, milestoned, ...).
std::optional<EventKind> KindOf(absl::string_view event) {
  if (event == "demilestoned") return EventKind::kDemilestoned;
  if (event == "labeled") return EventKind::kLabeled;
  if (event == "unlabeled") return EventKind::kUnlabeled;
  if (event == "closed") return EventKind::kClosed;
  if (event == "reopened") return EventKind::kReopened;
  return std::nullopt;
}

// "acme/payments" from "https://api.github.com/repos/acme/payments" (or a
// GitHub Enterprise ".../api/v3/repos/acme/payments").
std::optional<std::string> RepositoryFromUrl(absl::string_view url) {
  const std::size_t at = url.rfind("/repos/");
  if (at == absl::string_view::npos) return std::nullopt;
  const std::vector<absl::string_view> parts =
      absl::StrSplit(absl::StripSuffix(url.substr(at + 7), "/"), '/');
  if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
    return std::nullopt;
  }
  return absl::StrCat(parts[0], "/", parts[1]);
}

// Reads the records of one document into a ParseResult. Each Read* returns
// false once it has recorded why the record is malformed.
class Reader {
 public:
  Reader(absl::string_view name, ParseResult& out) : name_(name), out_(out) {}

  void ListItem(element item, const std::string& path) {
    if (Present(item["event"])) {
      Event(item, path);
    } else if (Present(item["number"])) {
      IssueSnapshot issue;
      bool pull_request = false;
      if (!ReadIssue(item, path, "", issue, pull_request)) return;
      Keep(std::move(issue), pull_request);
      ++out_.records;
    } else {
      Fail(path,
           "neither an issue (with \"number\") nor an issue event (with "
           "\"event\")");
    }
  }

  void Webhook(element doc) {
    std::string action, repository;
    if (!ReadString(doc, "action", "$", true, action)) return;
    element issue_object;
    if (doc["issue"].get(issue_object) != simdjson::SUCCESS) {
      Fail("$.issue",
           "is required: only `issues` webhooks (X-GitHub-Event: issues) are "
           "read");
      return;
    }
    element repository_object;
    if (doc["repository"].get(repository_object) == simdjson::SUCCESS &&
        !ReadString(repository_object, "full_name", "$.repository", false,
                    repository)) {
      return;
    }
    IssueSnapshot issue;
    bool pull_request = false;
    if (!ReadIssue(issue_object, "$.issue", repository, issue, pull_request)) {
      return;
    }
    const std::optional<EventKind> kind = KindOf(action);
    IssueEvent event;
    event.issue = issue.key;
    // A webhook has no event time; the issue was last updated by this action.
    event.at =
        kind == EventKind::kClosed && issue.closed_at != absl::InfiniteFuture()
            ? issue.closed_at
            : issue.updated_at;
    if (kind && !pull_request && !ReadSubject(doc, "$", *kind, event)) return;
    if (kind && !pull_request) out_.events.push_back(std::move(event));
    Keep(std::move(issue), pull_request);
    ++out_.records;
  }

 private:
  void Event(element e, const std::string& path) {
    std::string name;
    if (!ReadString(e, "event", path, true, name)) return;
    const std::optional<EventKind> kind = KindOf(name);
    IssueEvent event;
    std::optional<IssueSnapshot> issue;
    bool pull_request = false;
    if (Present(e["issue"])) {
      issue.emplace();
      if (!ReadIssue(e["issue"].value_unsafe(), path + ".issue", "", *issue,
                     pull_request)) {
        return;
      }
      event.issue = issue->key;
    } else if (kind) {
      std::optional<std::string> key = IssueKeyFromName(name_);
      if (!key) {
        Fail(path + ".issue",
             "is missing, as in a per-issue events list: name the file like "
             "its API path, <owner>/<repo>/issues/<number>/events.json, so "
             "the issue is known");
        return;
      }
      event.issue = *std::move(key);
    }
    if (kind && !pull_request) {
      event.kind = *kind;
      if (!ReadTime(e, "created_at", path, true, event.at)) return;
      int64_t id;
      if (e["id"].get(id) == simdjson::SUCCESS) event.id = id;
      if (!ReadSubject(e, path, *kind, event)) return;
      out_.events.push_back(std::move(event));
    }
    if (issue) Keep(*std::move(issue), pull_request);
    ++out_.records;
  }

  // The label's name of a (un)labeled event, the milestone's title of a
  // demilestoned one.
  bool ReadSubject(element e, const std::string& path, EventKind kind,
                   IssueEvent& event) {
    event.kind = kind;
    const bool label =
        kind == EventKind::kLabeled || kind == EventKind::kUnlabeled;
    if (!label && kind != EventKind::kDemilestoned) return true;
    const char* key = label ? "label" : "milestone";
    element subject;
    if (e[key].get(subject) != simdjson::SUCCESS) {
      if (!label) return true;  // the title is only for people
      return Fail(absl::StrCat(path, ".", key), "is required");
    }
    return ReadString(subject, label ? "name" : "title",
                      absl::StrCat(path, ".", key), label, event.subject);
  }

  bool ReadIssue(element e, const std::string& path,
                 absl::string_view repository, IssueSnapshot& issue,
                 bool& pull_request) {
    int64_t number = 0;
    if (!Present(e["number"])) return Fail(path + ".number", "is required");
    if (e["number"].get(number) != simdjson::SUCCESS || number <= 0) {
      return Fail(path + ".number", "must be a positive integer");
    }
    std::string url;
    if (!ReadString(e, "repository_url", path, repository.empty(), url)) {
      return false;
    }
    if (url.empty()) {
      issue.repository = std::string(repository);
    } else if (std::optional<std::string> r = RepositoryFromUrl(url)) {
      issue.repository = *std::move(r);
    } else {
      return Fail(path + ".repository_url",
                  absl::StrFormat("\"%s\" is not a repository API URL "
                                  "(https://api.github.com/repos/OWNER/REPO)",
                                  url));
    }
    issue.key = absl::StrFormat("%s#%d", issue.repository, number);
    pull_request = Present(e["pull_request"]);
    std::string state;
    if (!ReadString(e, "title", path, false, issue.title) ||
        !ReadString(e, "state", path, false, state) ||
        !ReadTime(e, "closed_at", path, false, issue.closed_at) ||
        !ReadTime(e, "updated_at", path, true, issue.updated_at) ||
        !ReadTime(e, "created_at", path, false, issue.created_at)) {
      return false;
    }
    if (element milestone; e["milestone"].get(milestone) == simdjson::SUCCESS &&
                           milestone.is_object() &&
                           !ReadTime(milestone, "due_on", path + ".milestone",
                                     false, issue.milestone_due)) {
      return false;
    }
    if (state != "open" && state != "closed" && !state.empty()) {
      return Fail(
          path + ".state",
          absl::StrFormat("\"%s\" is neither \"open\" nor \"closed\"", state));
    }
    issue.closed = state == "closed";
    array labels;
    if (e["labels"].get(labels) != simdjson::SUCCESS) return true;
    std::size_t i = 0;
    for (element label : labels) {
      // Labels are objects with a "name", or (in some payloads) plain names.
      std::string_view text;
      if (label.get(text) == simdjson::SUCCESS ||
          label["name"].get(text) == simdjson::SUCCESS) {
        issue.labels.emplace_back(text);
      } else {
        return Fail(absl::StrFormat("%s.labels[%d]", path, i),
                    "must be a label object with a \"name\"");
      }
      ++i;
    }
    return true;
  }

  bool ReadString(element e, const char* key, const std::string& path,
                  bool required, std::string& value) {
    auto field = e[key];
    if (!Present(field)) {
      return !required || Fail(absl::StrCat(path, ".", key), "is required");
    }
    std::string_view text;
    if (field.get(text) != simdjson::SUCCESS) {
      return Fail(absl::StrCat(path, ".", key), "must be a string");
    }
    value = std::string(text);
    return true;
  }

  bool ReadTime(element e, const char* key, const std::string& path,
                bool required, absl::Time& t) {
    std::string text;
    if (!ReadString(e, key, path, required, text)) return false;
    if (text.empty()) return true;
    absl::StatusOr<absl::Time> parsed = ParseTimestamp(text);
    if (!parsed.ok()) {
      return Fail(absl::StrCat(path, ".", key),
                  std::string(parsed.status().message()));
    }
    t = *parsed;
    return true;
  }

  void Keep(IssueSnapshot issue, bool pull_request) {
    if (pull_request) {
      out_.pull_requests.push_back(std::move(issue.key));
    } else {
      out_.issues.push_back(std::move(issue));
    }
  }

  bool Fail(const std::string& path, std::string why) {
    out_.errors.push_back({absl::StrCat(name_, ": ", path), std::move(why)});
    return false;
  }

  absl::string_view name_;
  ParseResult& out_;
};

}  // namespace

std::optional<std::string> IssueKeyFromName(absl::string_view name) {
  const std::vector<absl::string_view> parts =
      absl::StrSplit(name.substr(0, name.find('?')), '/');
  for (std::size_t i = parts.size() >= 3 ? parts.size() - 3 : 0; i >= 2; --i) {
    int64_t number;
    if (parts[i] == "issues" && absl::SimpleAtoi(parts[i + 1], &number) &&
        number > 0 && absl::StartsWith(parts[i + 2], "events") &&
        !parts[i - 2].empty() && !parts[i - 1].empty()) {
      return absl::StrFormat("%s/%s#%d", parts[i - 2], parts[i - 1], number);
    }
  }
  return std::nullopt;
}

void Parser::Read(element doc, absl::string_view name, ParseResult& out) {
  Reader reader(name, out);
  array list;
  if (doc.get(list) == simdjson::SUCCESS) {
    std::size_t i = 0;
    for (element item : list)
      reader.ListItem(item, absl::StrFormat("$[%d]", i++));
  } else if (!doc.is_object()) {
    out.errors.push_back(
        {absl::StrCat(name, ": $"),
         "neither a list of issues or issue events nor an issues webhook"});
  } else if (Present(doc["action"])) {
    reader.Webhook(doc);
  } else {
    reader.ListItem(doc, "$");
  }
}

}  // namespace teamload::collectors::github
