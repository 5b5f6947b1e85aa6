#include "daemon/api/narrative_service.h"

#include <map>
#include <set>
#include <string>

#include "absl/strings/str_format.h"
#include "daemon/analysis/analyze.h"
#include "daemon/api/edge.h"
#include "daemon/model/team_history.h"
#include "daemon/narrative/narrative.h"
#include "daemon/narrative/themes.h"

namespace teamload::api {
namespace {

// How long a watcher waits for new signals before re-telling the stories
// anyway: time passing changes them too (an oops turns 14 days old).
constexpr absl::Duration kWatchRefresh = absl::Seconds(60);
// New signals often arrive in bursts; tell the stories once per burst.
constexpr absl::Duration kWatchSettle = absl::Milliseconds(200);

teamload::v1::Narrative Tell(const config::TeamConfig& team,
                             const model::TeamHistory& history,
                             absl::Time as_of) {
  return narrative::BuildNarrative(
      team, analysis::Analyze(team, history, as_of), as_of);
}

// Visits the teams `caller` may see, one at a time (model::Model::VisitTeams).
void VisitTeamsInScope(const model::Model& model, const auth::Caller& caller,
                       model::TeamVisitor visit) {
  model.VisitTeams(
      [&](const config::TeamConfig& team, const model::TeamHistory& history) {
        if (caller.Sees(team.name)) visit(team, history);
      });
}

}  // namespace

grpc::Status NarrativeService::GetNarrative(
    grpc::ServerContext* context,
    const teamload::v1::GetNarrativeRequest* request,
    teamload::v1::Narrative* response) {
  absl::StatusOr<Edge::Read> read =
      edge_->AdmitRead(*context, "GetNarrative", *request, clock_->Now());
  if (!read.ok()) return ToGrpcStatus(read.status());
  if (absl::Status s = edge_->CheckScope(read->caller, request->team(),
                                         *context, "GetNarrative");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  const absl::Status told = model_->VisitTeam(
      request->team(),
      [&](const config::TeamConfig& team, const model::TeamHistory& history) {
        *response = Tell(team, history, read->as_of);
      });
  if (told.ok())
    edge_->Audit(read->caller, *context, "GetNarrative", {request->team()});
  return ToGrpcStatus(told);
}

grpc::Status NarrativeService::ListNarratives(
    grpc::ServerContext* context,
    const teamload::v1::ListNarrativesRequest* request,
    teamload::v1::ListNarrativesResponse* response) {
  absl::StatusOr<Edge::Read> read =
      edge_->AdmitRead(*context, "ListNarratives", *request, clock_->Now());
  if (!read.ok()) return ToGrpcStatus(read.status());
  VisitTeamsInScope(
      *model_, read->caller,
      [&](const config::TeamConfig& team, const model::TeamHistory& history) {
        teamload::v1::Narrative story = Tell(team, history, read->as_of);
        if (narrative::HighestLevel(story) >= request->min_level()) {
          *response->add_narratives() = std::move(story);
        }
      });
  std::vector<std::string> returned;
  for (const auto& story : response->narratives())
    returned.push_back(story.team());
  edge_->Audit(read->caller, *context, "ListNarratives", returned);
  return grpc::Status::OK;
}

grpc::Status NarrativeService::WatchNarratives(
    grpc::ServerContext* context,
    const teamload::v1::WatchNarrativesRequest* request,
    grpc::ServerWriter<teamload::v1::Narrative>* writer) {
  absl::StatusOr<auth::Caller> caller =
      edge_->Admit(*context, auth::Right::kRead, "WatchNarratives");
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  for (const std::string& team : request->teams()) {
    if (absl::Status s =
            edge_->CheckScope(*caller, team, *context, "WatchNarratives");
        !s.ok()) {
      return ToGrpcStatus(s);
    }
    if (absl::Status s = model_->GetTeam(team).status(); !s.ok())
      return ToGrpcStatus(s);
  }
  const std::set<std::string> wanted(request->teams().begin(),
                                     request->teams().end());
  std::vector<std::string> watched(wanted.begin(), wanted.end());
  if (wanted.empty()) {
    for (const teamload::v1::Team& team : model_->ListTeams()) {
      if (caller->Sees(team.name())) watched.push_back(team.name());
    }
  }
  edge_->Audit(*caller, *context, "WatchNarratives", watched);
  std::map<std::string, teamload::v1::Narrative> last_sent;  // by team
  uint64_t generation = model_->Generation();
  absl::Time last_told = absl::InfinitePast();
  while (!context->IsCancelled() && !stopping_) {
    std::vector<teamload::v1::Narrative> changed;
    const absl::Time now = clock_->Now();
    VisitTeamsInScope(
        *model_, *caller,
        [&](const config::TeamConfig& team, const model::TeamHistory& history) {
          if (!wanted.empty() && !wanted.contains(team.name)) return;
          teamload::v1::Narrative story = Tell(team, history, now);
          // as_of moves every time; only a different story is news.
          auto [previous, first] = last_sent.try_emplace(team.name, story);
          if (!first && narrative::SameStory(previous->second, story)) return;
          previous->second = story;
          changed.push_back(std::move(story));
        });
    for (const auto& story : changed) {
      if (!writer->Write(story))
        return grpc::Status::OK;  // the client went away
    }
    last_told = now;
    // Wake on new signals, on shutdown, or when it is time to look again.
    while (!context->IsCancelled() && !stopping_) {
      const uint64_t seen = model_->WaitForChange(generation, absl::Seconds(1));
      if (seen != generation) {
        clock_->SleepFor(kWatchSettle);
        generation = model_->Generation();  // the whole burst
        break;
      }
      if (clock_->Now() - last_told >= kWatchRefresh) break;
    }
  }
  return grpc::Status::OK;
}

grpc::Status NarrativeService::ListThemes(
    grpc::ServerContext* context,
    const teamload::v1::ListThemesRequest* request,
    teamload::v1::ListThemesResponse* response) {
  absl::StatusOr<Edge::Read> read =
      edge_->AdmitRead(*context, "ListThemes", *request, clock_->Now());
  if (!read.ok()) return ToGrpcStatus(read.status());
  narrative::ThemeTally tally;
  std::vector<std::string> counted;
  VisitTeamsInScope(  // themes count the teams in scope only
      *model_, read->caller,
      [&](const config::TeamConfig& team, const model::TeamHistory& history) {
        counted.push_back(team.name);
        tally.AddTeam(team, analysis::Analyze(team, history, read->as_of));
      });
  edge_->Audit(read->caller, *context, "ListThemes", counted);
  *response = tally.Result();
  return grpc::Status::OK;
}

}  // namespace teamload::api
