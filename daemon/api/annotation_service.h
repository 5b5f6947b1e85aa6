// AnnotationService: what people know about a team's week (a reorg, a
// launch, someone on leave), written as an `annotation` signal through the
// Ingestor, so it is durable, reaches every replica, keeps its revisions and
// can be erased like any signal.
//
// A new annotation's id is "annotation:" and a hash of its team, time,
// author, token and text, so sending it again is a duplicate, not a second
// note.
// A correction names the id; it must come from the token that recorded the
// annotation, with the same author, for the same team (PERMISSION_DENIED
// otherwise; NOT_FOUND, as for a team out of scope, when no annotation has
// that id). The author is the caller's token name unless the request names
// one; recorded_by is always the token name.
//
// Thread-safe; does not own the edge, the ingestor, the model or the clock.
#ifndef TEAMLOAD_DAEMON_API_ANNOTATION_SERVICE_H_
#define TEAMLOAD_DAEMON_API_ANNOTATION_SERVICE_H_

#include "daemon/api/edge.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/model/model.h"
#include "daemon/util/clock.h"
#include "teamload/v1/annotation.grpc.pb.h"

namespace teamload::api {

class AnnotationService final
    : public teamload::v1::AnnotationService::Service {
 public:
  AnnotationService(const Edge* edge, ingest::Ingestor* ingestor,
                    const model::Model* model, const util::Clock* clock)
      : edge_(edge), ingestor_(ingestor), model_(model), clock_(clock) {}

  grpc::Status Annotate(grpc::ServerContext* context,
                        const teamload::v1::AnnotateRequest* request,
                        teamload::v1::AnnotateResponse* response) override;

 private:
  const Edge* const edge_;
  ingest::Ingestor* const ingestor_;
  const model::Model* const model_;
  const util::Clock* const clock_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_ANNOTATION_SERVICE_H_
