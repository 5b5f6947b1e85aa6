#include "daemon/api/team_service.h"

#include "daemon/api/edge.h"

namespace teamload::api {

grpc::Status TeamService::ListTeams(grpc::ServerContext* context,
                                    const teamload::v1::ListTeamsRequest*,
                                    teamload::v1::ListTeamsResponse* response) {
  absl::StatusOr<auth::Caller> caller =
      edge_->Admit(*context, auth::Right::kRead, "ListTeams");
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  for (teamload::v1::Team& team : model_->ListTeams()) {
    if (caller->Sees(team.name())) *response->add_teams() = std::move(team);
  }
  return grpc::Status::OK;
}

grpc::Status TeamService::GetTeam(grpc::ServerContext* context,
                                  const teamload::v1::GetTeamRequest* request,
                                  teamload::v1::Team* response) {
  absl::StatusOr<auth::Caller> caller =
      edge_->Admit(*context, auth::Right::kRead, "GetTeam");
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (absl::Status s =
          edge_->CheckScope(*caller, request->name(), *context, "GetTeam");
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<teamload::v1::Team> team = model_->GetTeam(request->name());
  if (!team.ok()) return ToGrpcStatus(team.status());
  *response = std::move(*team);
  return grpc::Status::OK;
}

}  // namespace teamload::api
