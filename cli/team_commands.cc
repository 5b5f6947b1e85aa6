#include <string>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "cli/rpc.h"
#include "cli/table.h"
#include "teamload/v1/team.grpc.pb.h"

namespace teamload::cli {
namespace {

std::unique_ptr<teamload::v1::TeamService::Stub> Connect(const Daemon& daemon) {
  return teamload::v1::TeamService::NewStub(daemon.channel);
}

int64_t Count(const teamload::v1::Team& team, const std::string& kind) {
  auto it = team.signal_counts().find(kind);
  return it == team.signal_counts().end() ? 0 : it->second;
}

std::string Day(const google::protobuf::Timestamp& ts) {
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(ts.seconds()),
                          absl::UTCTimeZone());
}

// "pagerduty through 2026-11-26 08:00, jira never": every expected source,
// plus any other source that reported coverage.
std::string CoverageSummary(const teamload::v1::Team& team) {
  std::vector<std::string> parts;
  for (const std::string& source : team.expected_sources()) {
    std::string part = absl::StrCat(source, " never");
    for (const auto& c : team.coverage()) {
      if (c.source() == source)
        part = absl::StrCat(source, " through ", Day(c.covered_through()));
    }
    parts.push_back(part);
  }
  for (const auto& c : team.coverage()) {
    bool expected = false;
    for (const auto& s : team.expected_sources())
      expected = expected || s == c.source();
    if (!expected)
      parts.push_back(
          absl::StrCat(c.source(), " through ", Day(c.covered_through())));
  }
  return parts.empty() ? "-" : absl::StrJoin(parts, ", ");
}

}  // namespace

int RunTeams(const Daemon& daemon, bool json) {
  grpc::ClientContext context;
  SetDeadline(context);
  teamload::v1::ListTeamsResponse response;
  grpc::Status status = Connect(daemon)->ListTeams(&context, {}, &response);
  if (!status.ok()) return Failed(daemon.address, status);
  if (json) {
    PrintJson(response);
    return 0;
  }
  Table table({"TEAM", "TIME ZONE", "ON-CALL", "PAGES", "OOPSES", "DEFERRALS",
               "SURVEY NOTES", "COVERAGE (UTC)"});
  for (const auto& team : response.teams()) {
    table.AddRow(
        {team.name(), team.timezone(), absl::StrCat(team.oncall_size()),
         absl::StrCat(Count(team, "page")), absl::StrCat(Count(team, "oops")),
         absl::StrCat(Count(team, "deferral")),
         absl::StrCat(Count(team, "survey_note")), CoverageSummary(team)});
  }
  absl::PrintF("%s", table.Render());
  return 0;
}

int RunTeam(const Daemon& daemon, const std::string& name, bool json) {
  grpc::ClientContext context;
  SetDeadline(context);
  teamload::v1::GetTeamRequest request;
  request.set_name(name);
  teamload::v1::Team team;
  grpc::Status status = Connect(daemon)->GetTeam(&context, request, &team);
  if (!status.ok()) return Failed(daemon.address, status);
  if (json) {
    PrintJson(team);
    return 0;
  }
  Table table({"team", team.name()});
  table.AddRow({"time zone", team.timezone()});
  table.AddRow(
      {"on-call rotation", absl::StrCat(team.oncall_size(), " people")});
  table.AddRow(
      {"expected sources", team.expected_sources().empty()
                               ? "-"
                               : absl::StrJoin(team.expected_sources(), ", ")});
  for (const char* kind : {"page", "oops", "deferral", "survey_note"}) {
    table.AddRow(
        {absl::StrCat(kind, " signals"), absl::StrCat(Count(team, kind))});
  }
  table.AddRow({"coverage (UTC)", CoverageSummary(team)});
  absl::PrintF("%s", table.Render());
  return 0;
}

}  // namespace teamload::cli
