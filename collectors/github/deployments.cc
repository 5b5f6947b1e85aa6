#include "collectors/github/deployments.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/signal_builders.h"
#include "collectors/common/timestamps.h"

namespace teamload::collectors::github {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;

// Reads the records of one document, each error with its JSON path.
class Reader {
 public:
  Reader(absl::string_view name, DeploymentsResult& out)
      : name_(name), out_(out) {}

  void Document(element doc) {
    array items;
    if (array runs; doc["workflow_runs"].get(runs) == simdjson::SUCCESS) {
      std::size_t i = 0;
      for (element run : runs)
        Run(run, absl::StrFormat("$.workflow_runs[%d]", i++));
      return;
    }
    if (doc.get(items) != simdjson::SUCCESS) {
      Fail("$",
           "neither a deployments or deployment statuses list ([...]) nor a "
           "workflow runs page ({\"workflow_runs\": [...]})");
      return;
    }
    std::size_t i = 0;
    for (element item : items) {
      const std::string path = absl::StrFormat("$[%d]", i++);
      if (item["state"].error() == simdjson::SUCCESS) {
        Status(item, path);
      } else {
        Deployment(item, path);
      }
    }
  }

 private:
  std::string Str(element e, const char* key) {
    std::string_view v;
    if (e[key].get(v) != simdjson::SUCCESS) return "";
    return std::string(v);
  }
  bool Time(element e, const char* key, const std::string& path,
            absl::Time& t) {
    absl::StatusOr<absl::Time> parsed = ParseTimestamp(Str(e, key));
    if (!parsed.ok()) {
      return Fail(absl::StrCat(path, ".", key),
                  std::string(parsed.status().message()));
    }
    t = *parsed;
    return true;
  }
  // "acme/payments" from an API URL ".../repos/acme/payments/...".
  static std::string RepositoryOf(absl::string_view url) {
    const std::size_t at = url.find("/repos/");
    if (at == absl::string_view::npos) return "";
    absl::string_view rest = url.substr(at + 7);
    const std::size_t owner_end = rest.find('/');
    if (owner_end == absl::string_view::npos) return "";
    const std::size_t repo_end = rest.find('/', owner_end + 1);
    return std::string(rest.substr(0, repo_end));
  }

  void Deployment(element e, const std::string& path) {
    int64_t id = 0;
    if (e["id"].get(id) != simdjson::SUCCESS || id <= 0) {
      Fail(path + ".id", "must be a positive integer");
      return;
    }
    DeploymentsResult::Deployment d{
        .repository = RepositoryOf(Str(e, "repository_url")),
        .environment = Str(e, "environment")};
    if (d.repository.empty()) {
      Fail(path + ".repository_url",
           "is required: https://api.github.com/repos/OWNER/REPO");
      return;
    }
    if (!Time(e, "created_at", path, d.created_at)) return;
    out_.deployments[id] = std::move(d);
    ++out_.records;
  }

  void Status(element e, const std::string& path) {
    DeploymentsResult::Status s{.state = Str(e, "state")};
    const std::string url = Str(e, "deployment_url");
    const std::size_t slash = url.rfind('/');
    if (slash == std::string::npos ||
        !absl::SimpleAtoi(absl::string_view(url).substr(slash + 1),
                          &s.deployment)) {
      Fail(path + ".deployment_url",
           absl::StrFormat("\"%s\" does not end in a deployment's id", url));
      return;
    }
    if (!Time(e, "created_at", path, s.at)) return;
    // Optional: it only orders statuses made in the same second.
    if (e["id"].get(s.id) != simdjson::SUCCESS) s.id = 0;
    out_.statuses.push_back(std::move(s));
    ++out_.records;
  }

  // What --deploy-workflow names a run by: its workflow's name, else (GitHub
  // sends some runs with "name": "") its workflow file, else its workflow id.
  std::string WorkflowOf(element run) {
    std::string workflow = Str(run, "name");
    if (workflow.empty()) workflow = Str(run, "path");
    if (int64_t id = 0;
        workflow.empty() && run["workflow_id"].get(id) == simdjson::SUCCESS) {
      workflow = absl::StrCat(id);
    }
    return workflow;
  }

  void Run(element e, const std::string& path) {
    ++out_.records;
    const std::string status = Str(e, "status");
    const std::string conclusion = Str(e, "conclusion");
    // Only what ended deployed something or failed to.
    if (status != "completed" ||
        (conclusion != "success" && conclusion != "failure" &&
         conclusion != "timed_out")) {
      return;
    }
    int64_t id = 0;
    if (e["id"].get(id) != simdjson::SUCCESS || id <= 0) {
      Fail(path + ".id", "must be a positive integer");
      return;
    }
    DeploymentsResult::Run run{.workflow = WorkflowOf(e)};
    Deploy& d = run.deploy;
    if (element repository;
        e["repository"].get(repository) == simdjson::SUCCESS) {
      d.repository = Str(repository, "full_name");
    }
    if (d.repository.empty()) {
      Fail(path + ".repository.full_name", "is required");
      return;
    }
    d.key = absl::StrCat("run:", d.repository, "/", id);
    d.service = absl::StrCat(d.repository, " ", run.workflow);
    d.failed = conclusion != "success";
    if (!Time(e, "updated_at", path, d.at)) return;
    if (element commit; e["head_commit"].get(commit) == simdjson::SUCCESS &&
                        commit.is_object()) {
      absl::Time committed;
      if (!Time(commit, "timestamp", path + ".head_commit", committed)) return;
      if (committed <= d.at) d.lead_time = d.at - committed;
    }
    out_.runs.push_back(std::move(run));
  }

  bool Fail(const std::string& path, std::string why) {
    out_.errors.push_back({absl::StrCat(name_, ": ", path), std::move(why)});
    return false;
  }

  absl::string_view name_;
  DeploymentsResult& out_;
};

bool Final(const std::string& state) {
  return state == "success" || state == "failure" || state == "error";
}

}  // namespace

void DeploymentsParser::Read(element doc, absl::string_view name,
                             DeploymentsResult& out) {
  Reader(name, out).Document(doc);
}

DeployHistory::DeployHistory(std::set<std::string> environments,
                             std::set<std::string> workflows)
    : environments_(std::move(environments)),
      workflows_(std::move(workflows)) {}

void DeployHistory::Add(DeploymentsResult& parsed) {
  for (auto& [id, d] : parsed.deployments) {
    newest_ = std::max(newest_, d.created_at);
    deployments_[id] = std::move(d);
  }
  for (auto& s : parsed.statuses) {
    newest_ = std::max(newest_, s.at);
    statuses_.push_back(std::move(s));
  }
  for (auto& run : parsed.runs) {
    if (!workflows_.contains(run.workflow)) continue;
    newest_ = std::max(newest_, run.deploy.at);
    runs_[run.deploy.key] = std::move(run.deploy);
  }
}

std::vector<Deploy> DeployHistory::Deploys() const {
  std::map<std::string, Deploy> deploys = runs_;
  // Each deployment's newest final status, by id.
  std::map<int64_t, const DeploymentsResult::Status*> final;
  for (const auto& s : statuses_) {
    if (!Final(s.state)) continue;
    const DeploymentsResult::Status*& newest = final[s.deployment];
    if (newest == nullptr || s.at > newest->at ||
        (s.at == newest->at && s.id > newest->id)) {
      newest = &s;
    }
  }
  for (const auto& [id, status] : final) {
    const auto it = deployments_.find(id);
    if (it == deployments_.end()) continue;  // its deployment was not read
    const DeploymentsResult::Deployment& d = it->second;
    if (!environments_.empty() && !environments_.contains(d.environment))
      continue;
    Deploy deploy{.key = absl::StrCat("deployment:", d.repository, "/", id),
                  .repository = d.repository,
                  .service = absl::StrCat(d.repository, " ", d.environment),
                  .at = status->at,
                  .failed = status->state != "success"};
    deploys[deploy.key] = std::move(deploy);
  }
  std::vector<Deploy> out;
  for (auto& [key, deploy] : deploys) out.push_back(std::move(deploy));
  return out;
}

std::optional<teamload::v1::Signal> ToDeploySignal(const Deploy& deploy,
                                                   const TeamMapping& mapping,
                                                   std::string* unmapped) {
  const std::optional<std::string> team =
      mapping.TeamFor("github", "repositories", deploy.repository);
  if (!team) {
    *unmapped = absl::StrFormat("deploy %s (repository %s)", deploy.key,
                                deploy.repository);
    return std::nullopt;
  }
  teamload::v1::Signal signal =
      client::NewSignal("github", deploy.key, *team, deploy.at);
  client::SetDeploy(signal, deploy.service, deploy.failed,
                    /*caused_incident=*/false, deploy.lead_time);
  return signal;
}

}  // namespace teamload::collectors::github
