// NarrativeService: each team's story, computed on request from the model
// (analysis is fast and pure, so nothing is cached that could go stale).
// "Now" (an unset as_of, a watcher's stories) is read from the clock, and a
// watcher's pause to let a burst of signals settle is the clock's SleepFor.
// Every call sees only the teams in its caller's scope. Thread-safe; does
// not own the edge, the model or the clock.
#ifndef TEAMLOAD_DAEMON_API_NARRATIVE_SERVICE_H_
#define TEAMLOAD_DAEMON_API_NARRATIVE_SERVICE_H_

#include <atomic>

#include "daemon/api/edge.h"
#include "daemon/model/model.h"
#include "daemon/util/clock.h"
#include "teamload/v1/narrative.grpc.pb.h"

namespace teamload::api {

class NarrativeService final : public teamload::v1::NarrativeService::Service {
 public:
  NarrativeService(const Edge* edge, const model::Model* model,
                   const util::Clock* clock)
      : edge_(edge), model_(model), clock_(clock) {}

  grpc::Status GetNarrative(grpc::ServerContext* context,
                            const teamload::v1::GetNarrativeRequest* request,
                            teamload::v1::Narrative* response) override;
  grpc::Status ListNarratives(
      grpc::ServerContext* context,
      const teamload::v1::ListNarrativesRequest* request,
      teamload::v1::ListNarrativesResponse* response) override;
  grpc::Status WatchNarratives(
      grpc::ServerContext* context,
      const teamload::v1::WatchNarrativesRequest* request,
      grpc::ServerWriter<teamload::v1::Narrative>* writer) override;
  grpc::Status ListThemes(grpc::ServerContext* context,
                          const teamload::v1::ListThemesRequest* request,
                          teamload::v1::ListThemesResponse* response) override;

  // Ends every WatchNarratives stream within a second, so shutdown need not
  // wait for long-lived dashboards.
  void Stop() { stopping_ = true; }

 private:
  const Edge* const edge_;
  const model::Model* const model_;
  const util::Clock* const clock_;
  std::atomic<bool> stopping_ = false;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_NARRATIVE_SERVICE_H_
