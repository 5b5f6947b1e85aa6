#include "daemon/api/team_service.h"

#include "daemon/api/edge.h"

namespace teamload::api {

grpc::Status TeamService::ListTeams(grpc::ServerContext*,
                                    const teamload::v1::ListTeamsRequest*,
                                    teamload::v1::ListTeamsResponse* response) {
  for (teamload::v1::Team& team : model_->ListTeams()) {
    *response->add_teams() = std::move(team);
  }
  return grpc::Status::OK;
}

grpc::Status TeamService::GetTeam(grpc::ServerContext*,
                                  const teamload::v1::GetTeamRequest* request,
                                  teamload::v1::Team* response) {
  absl::StatusOr<teamload::v1::Team> team = model_->GetTeam(request->name());
  if (!team.ok()) return ToGrpcStatus(team.status());
  *response = std::move(*team);
  return grpc::Status::OK;
}

}  // namespace teamload::api
