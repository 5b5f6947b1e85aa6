#include "daemon/api/team_service.h"

#include <string>
#include <vector>

#include "daemon/api/edge.h"

namespace teamload::api {

grpc::Status TeamService::ListTeams(grpc::ServerContext* context,
                                    const teamload::v1::ListTeamsRequest*,
                                    teamload::v1::ListTeamsResponse* response) {
  absl::StatusOr<auth::Caller> caller =
      edge_->Admit(*context, auth::Right::kRead, "ListTeams");
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  std::vector<std::string> returned;
  for (teamload::v1::Team& team : model_->ListTeams()) {
    if (!caller->Sees(team.name())) continue;
    returned.push_back(team.name());
    *response->add_teams() = std::move(team);
  }
  edge_->Audit(*caller, *context, "ListTeams", returned);
  return grpc::Status::OK;
}

grpc::Status TeamService::GetTeam(grpc::ServerContext* context,
                                  const teamload::v1::GetTeamRequest* request,
                                  teamload::v1::Team* response) {
  absl::StatusOr<auth::Caller> caller = edge_->AdmitTeam(
      *context, auth::Right::kRead, "GetTeam", request->name());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<teamload::v1::Team> team = model_->GetTeam(request->name());
  if (!team.ok()) return ToGrpcStatus(team.status());
  edge_->Audit(*caller, *context, "GetTeam", {request->name()});
  *response = std::move(*team);
  return grpc::Status::OK;
}

}  // namespace teamload::api
