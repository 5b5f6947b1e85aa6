// TeamService: what the model knows about each team the caller may see.
// Thread-safe; does not own the edge or the model.
#ifndef TEAMLOAD_DAEMON_API_TEAM_SERVICE_H_
#define TEAMLOAD_DAEMON_API_TEAM_SERVICE_H_

#include "daemon/api/edge.h"
#include "daemon/model/model.h"
#include "teamload/v1/team.grpc.pb.h"

namespace teamload::api {

class TeamService final : public teamload::v1::TeamService::Service {
 public:
  TeamService(const Edge* edge, const model::Model* model)
      : edge_(edge), model_(model) {}

  grpc::Status ListTeams(grpc::ServerContext* context,
                         const teamload::v1::ListTeamsRequest* request,
                         teamload::v1::ListTeamsResponse* response) override;
  grpc::Status GetTeam(grpc::ServerContext* context,
                       const teamload::v1::GetTeamRequest* request,
                       teamload::v1::Team* response) override;

 private:
  const Edge* const edge_;
  const model::Model* const model_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_TEAM_SERVICE_H_
