// teamload-jira: reads Jira REST issues (fetched with ?expand=changelog) from
// files, and sends a deferral signal for every issue deferred at least once,
// plus coverage heartbeats for every mapped team, to teamloadd.
#include <map>

#include "CLI/CLI.hpp"
#include "absl/strings/str_format.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/jira/issue.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  CLI::App app{
      "teamload-jira: Jira issues to teamload deferral signals.\n\n"
      "Reads issues from GET /rest/api/2/issue/{key}?expand=changelog and "
      "search pages "
      "({\"issues\": [...]}) from files or folders of .json files. An issue "
      "counts as "
      "deferred once more each time its changelog shows it moved out of (or "
      "carried past) "
      "a sprint, its fix version replaced, or its due date pushed later; a "
      "resolution "
      "closes it. The mapping's jira section maps projects, PROJECT/component "
      "and labels "
      "to teams."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  app.footer(
      "\nExample:\n  teamload-jira --mapping teams.yaml exports/jira/\n");
  CLI11_PARSE(app, argc, argv);

  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-jira: %s\n", mapping.status().message());
    return 2;
  }
  collectors::jira::Parser parser;
  std::map<std::string, collectors::jira::Issue>
      issues;  // by key; the newest read wins
  collectors::Collected collected;
  collectors::ReadFiles(
      collectors::ExpandInputs(flags.inputs, ".json"),
      [&](const std::string& text, const std::string& file) {
        collectors::jira::ParseResult parsed = parser.Parse(text, file);
        collected.records += static_cast<int64_t>(parsed.issues.size());
        for (auto& issue : parsed.issues) {
          collected.newest = std::max(collected.newest, issue.updated_at);
          auto [it, inserted] = issues.try_emplace(issue.key, issue);
          if (!inserted && issue.updated_at >= it->second.updated_at)
            it->second = issue;
        }
        return parsed.errors;
      },
      collected);
  for (const auto& [key, issue] : issues) {
    std::string why;
    if (auto signal = collectors::jira::ToSignal(issue, *mapping, &why)) {
      collected.signals.push_back(std::move(*signal));
    } else if (!why.empty()) {
      absl::FPrintF(stderr, "unmapped: %s belongs to no team in %s\n", why,
                    flags.mapping_path);
      ++collected.unmapped;
    }
  }
  collected.coverage_teams = mapping->TeamsOf("jira");
  return collectors::Deliver("teamload-jira", "jira", flags, collected);
}
