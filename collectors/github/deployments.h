// Deployments: GitHub's record of what was deployed, to deploy signals.
// Pure: bytes in, no I/O.
//
// Tells three shapes apart by their content:
//   - a deployments list, `GET /repos/{owner}/{repo}/deployments`: an array
//     of deployments ({"id", "sha", "environment", "created_at",
//     "statuses_url", ...});
//   - a deployment statuses list, `GET .../deployments/{id}/statuses`: an
//     array of statuses ({"state", "created_at", "deployment_url", ...});
//   - a workflow runs page, `GET /repos/{owner}/{repo}/actions/runs`:
//     {"total_count", "workflow_runs": [{"name", "status", "conclusion",
//     "updated_at", "head_commit": {"timestamp"}, "repository":
//     {"full_name"}, ...}]}.
// A deployment's outcome is its newest final status: success, or failure and
// error (failed); one with no final status yet is not a deploy yet. Statuses
// created in the same second are ordered by id, as GitHub numbers them in
// the order they were made (its lists put the newest first, so reading
// order says nothing). A completed run of a --deploy-workflow is a deploy
// when it ended: success, or failure and timed_out (failed); cancelled and
// skipped runs deployed nothing. A run is known by its workflow's name;
// GitHub sends some runs with an empty "name" (as in the recorded
// tests/fixtures/real/github/octokit_workflow_run_completed.json), and those
// are known by their workflow file's "path", else their "workflow_id". Its lead
// time runs from its head commit to its end. GitHub does not know whether a
// deploy caused an incident: caused_incident stays false, and only failed
// deploys count as change failures.
//
// Thread-compatible.
#ifndef TEAMLOAD_COLLECTORS_GITHUB_DEPLOYMENTS_H_
#define TEAMLOAD_COLLECTORS_GITHUB_DEPLOYMENTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/json_parser.h"
#include "collectors/common/record_error.h"
#include "collectors/common/team_mapping.h"
#include "simdjson.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors::github {

// One deploy, folded from what was read.
struct Deploy {
  std::string key;         // "deployment:acme/payments/1234", "run:..."
  std::string repository;  // "acme/payments"
  std::string service;     // "acme/payments production", or the workflow's
  absl::Time at = absl::InfinitePast();
  bool failed = false;
  absl::Duration lead_time = absl::InfiniteDuration();  // not known
};

struct DeploymentsResult {
  std::vector<RecordError> errors;
  int64_t records = 0;
  // What was read, before folding.
  struct Deployment {
    std::string repository;
    std::string environment;
    absl::Time created_at;
  };
  std::map<int64_t, Deployment> deployments;  // by id
  struct Status {
    int64_t id = 0;  // 0 when not given
    int64_t deployment = 0;
    std::string state;
    absl::Time at;
  };
  std::vector<Status> statuses;
  struct Run {
    std::string workflow;  // its name, path or workflow id (see above)
    Deploy deploy;
  };
  std::vector<Run> runs;  // completed runs that deployed or failed to
};

class DeploymentsParser : public JsonParser<DeploymentsResult> {
 private:
  void Read(simdjson::dom::element doc, absl::string_view name,
            DeploymentsResult& out) override;
};

// Everything read, folded into deploys, sorted by key: deployments to
// `environments` (every one when empty) that reached a final status, and
// runs of `workflows` (none when empty).
class DeployHistory {
 public:
  DeployHistory(std::set<std::string> environments,
                std::set<std::string> workflows);
  void Add(DeploymentsResult& parsed);
  std::vector<Deploy> Deploys() const;
  absl::Time newest() const { return newest_; }

 private:
  const std::set<std::string> environments_;
  const std::set<std::string> workflows_;
  std::map<int64_t, DeploymentsResult::Deployment> deployments_;
  std::vector<DeploymentsResult::Status> statuses_;
  std::map<std::string, Deploy> runs_;
  absl::Time newest_ = absl::InfinitePast();
};

// The deploy signal "github:<key>" for the team owning its repository
// (the mapping's github repositories), or nullopt with `unmapped` naming it.
std::optional<teamload::v1::Signal> ToDeploySignal(const Deploy& deploy,
                                                   const TeamMapping& mapping,
                                                   std::string* unmapped);

}  // namespace teamload::collectors::github

#endif  // TEAMLOAD_COLLECTORS_GITHUB_DEPLOYMENTS_H_
