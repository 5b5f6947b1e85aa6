#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "cli/rpc.h"
#include "cli/table.h"
#include "teamload/v1/narrative.grpc.pb.h"
#include "text/controls.h"

namespace teamload::cli {
namespace {

std::unique_ptr<teamload::v1::NarrativeService::Stub> Connect(
    const Daemon& daemon) {
  return teamload::v1::NarrativeService::NewStub(daemon.channel);
}

std::string LevelCounts(const teamload::v1::Narrative& n) {
  int attention = 0, watch = 0, info = 0;
  for (const auto& f : n.findings()) {
    attention += f.level() == teamload::v1::LEVEL_ATTENTION;
    watch += f.level() == teamload::v1::LEVEL_WATCH;
    info += f.level() == teamload::v1::LEVEL_INFO;
  }
  std::vector<std::string> parts;
  if (attention > 0) parts.push_back(absl::StrCat(attention, " attention"));
  if (watch > 0) parts.push_back(absl::StrCat(watch, " watch"));
  if (info > 0) parts.push_back(absl::StrCat(info, " info"));
  if (n.blind_spots_size() > 0)
    parts.push_back(absl::StrCat(n.blind_spots_size(), " blind"));
  return parts.empty() ? "-" : absl::StrJoin(parts, ", ");
}

}  // namespace

int RunNarrative(const Daemon& daemon, const std::string& team,
                 const std::string& as_of, bool json) {
  teamload::v1::GetNarrativeRequest request;
  request.set_team(team);
  if (!SetAsOf(as_of, request)) return 2;
  grpc::ClientContext context;
  SetDeadline(context);
  teamload::v1::Narrative narrative;
  grpc::Status status =
      Connect(daemon)->GetNarrative(&context, request, &narrative);
  if (!status.ok()) return Failed(daemon.address, status);
  if (json) {
    PrintJson(narrative);
  } else {
    absl::PrintF(
        "%s", text::ShowControls(narrative.markdown(), text::Newlines::kKeep));
  }
  return 0;
}

int RunNarratives(const Daemon& daemon, const std::string& as_of,
                  const std::string& min_level, bool json) {
  teamload::v1::ListNarrativesRequest request;
  if (!SetAsOf(as_of, request)) return 2;
  if (min_level == "info") request.set_min_level(teamload::v1::LEVEL_INFO);
  if (min_level == "watch") request.set_min_level(teamload::v1::LEVEL_WATCH);
  if (min_level == "attention")
    request.set_min_level(teamload::v1::LEVEL_ATTENTION);
  grpc::ClientContext context;
  SetDeadline(context);
  teamload::v1::ListNarrativesResponse response;
  grpc::Status status =
      Connect(daemon)->ListNarratives(&context, request, &response);
  if (!status.ok()) return Failed(daemon.address, status);
  if (json) {
    PrintJson(response);
    return 0;
  }
  Table table({"TEAM", "FINDINGS", "HEADLINE"});
  for (const auto& n : response.narratives()) {
    table.AddRow({n.team(), LevelCounts(n), n.headline()});
  }
  absl::PrintF("%s", table.Render());
  return 0;
}

int RunThemes(const Daemon& daemon, const std::string& as_of, bool json) {
  teamload::v1::ListThemesRequest request;
  if (!SetAsOf(as_of, request)) return 2;
  grpc::ClientContext context;
  SetDeadline(context);
  teamload::v1::ListThemesResponse response;
  grpc::Status status =
      Connect(daemon)->ListThemes(&context, request, &response);
  if (!status.ok()) return Failed(daemon.address, status);
  if (json) {
    PrintJson(response);
    return 0;
  }
  if (response.themes().empty()) {
    absl::PrintF(
        "No theme was raised by two or more people in any team's latest "
        "survey.\n");
  } else {
    Table table({"THEME", "TEAMS", "RESPONDENTS", "WHERE"});
    for (const auto& theme : response.themes()) {
      table.AddRow(
          {theme.name(), absl::StrCat(theme.teams_size()),
           theme.respondents() > 0 ? absl::StrCat(theme.respondents()) : "-",
           absl::StrJoin(theme.teams(), ", ")});
    }
    absl::PrintF("%s", table.Render());
  }
  const teamload::v1::MigrationsLookedBack& m = response.migrations();
  if (m.finished() > 0) {
    absl::PrintF(
        "\nMigrations finished in the last %d days: %d, in %s; %d looked "
        "back on.\n",
        m.period_days(), m.finished(),
        text::ShowControls(absl::StrJoin(m.teams(), ", ")), m.looked_back_on());
  }
  return 0;
}

}  // namespace teamload::cli
