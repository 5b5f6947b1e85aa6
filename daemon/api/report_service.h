// ReportService: the config's scheduled reports, rendered on demand (the
// same document the scheduler sends at a slot, when as_of is that slot).
// A caller may render a report only when every team it covers is in scope.
// Thread-safe; the report list is constant after construction; does not own
// the edge, the model or the clock.
#ifndef TEAMLOAD_DAEMON_API_REPORT_SERVICE_H_
#define TEAMLOAD_DAEMON_API_REPORT_SERVICE_H_

#include <vector>

#include "daemon/api/edge.h"
#include "daemon/config/config.h"
#include "daemon/model/model.h"
#include "daemon/util/clock.h"
#include "teamload/v1/report.grpc.pb.h"

namespace teamload::api {

class ReportService final : public teamload::v1::ReportService::Service {
 public:
  ReportService(const Edge* edge, std::vector<config::ReportConfig> reports,
                const model::Model* model, const util::Clock* clock)
      : edge_(edge),
        reports_(std::move(reports)),
        model_(model),
        clock_(clock) {}

  grpc::Status RenderReport(grpc::ServerContext* context,
                            const teamload::v1::RenderReportRequest* request,
                            teamload::v1::RenderedReport* response) override;

 private:
  const Edge* const edge_;
  const std::vector<config::ReportConfig> reports_;
  const model::Model* const model_;
  const util::Clock* const clock_;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_REPORT_SERVICE_H_
