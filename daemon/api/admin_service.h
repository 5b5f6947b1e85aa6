// AdminService: erasure (ingest::Eraser) through the Edge, for admin tokens
// only. Each erasure is logged (who, what was asked, how many signals and
// revisions went) and recorded in the audit log with the teams it touched;
// neither ever holds a signal's content.
// Thread-safe; does not own the edge or the eraser.
#ifndef TEAMLOAD_DAEMON_API_ADMIN_SERVICE_H_
#define TEAMLOAD_DAEMON_API_ADMIN_SERVICE_H_

#include "daemon/api/edge.h"
#include "daemon/ingest/eraser.h"
#include "teamload/v1/admin.grpc.pb.h"

namespace teamload::api {

class AdminService final : public teamload::v1::AdminService::Service {
 public:
  AdminService(const Edge* edge, ingest::Eraser* eraser)
      : edge_(edge), eraser_(eraser) {}

  grpc::Status Erase(grpc::ServerContext* context,
                     const teamload::v1::EraseRequest* request,
                     teamload::v1::EraseResponse* response) override;

 private:
  const Edge* const edge_;
  ingest::Eraser* const eraser_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_ADMIN_SERVICE_H_
