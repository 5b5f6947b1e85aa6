#include "daemon/api/admin_service.h"

#include <string>

#include "absl/strings/str_format.h"
#include "daemon/util/log.h"
#include "text/abbreviate.h"

namespace teamload::api {

grpc::Status AdminService::Erase(grpc::ServerContext* context,
                                 const teamload::v1::EraseRequest* request,
                                 teamload::v1::EraseResponse* response) {
  absl::StatusOr<auth::Caller> caller =
      edge_->Admit(*context, auth::Right::kErase, "Erase");
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (eraser_ == nullptr) {
    return ToGrpcStatus(
        absl::UnimplementedError("this teamloadd cannot erase"));
  }
  absl::StatusOr<ingest::Eraser::Counts> counts;
  std::string asked;
  switch (request->selector_case()) {
    case teamload::v1::EraseRequest::kRespondent:
      if (request->respondent().empty()) break;
      asked = absl::StrFormat("respondent \"%s\"",
                              text::Abbreviated(request->respondent()));
      counts = eraser_->EraseRespondent(request->respondent());
      break;
    case teamload::v1::EraseRequest::kSignalId:
      if (request->signal_id().empty()) break;
      asked = absl::StrFormat("signal \"%s\"",
                              text::Abbreviated(request->signal_id()));
      counts = eraser_->EraseSignal(request->signal_id());
      break;
    case teamload::v1::EraseRequest::SELECTOR_NOT_SET:
      break;
  }
  if (asked.empty()) {
    return ToGrpcStatus(absl::InvalidArgumentError(
        "say what to erase: a respondent or a signal_id, not empty"));
  }
  if (!counts.ok()) {
    util::LogError("erase of %s by \"%s\" failed, nothing was erased: %s",
                   asked, caller->name, counts.status().message());
    return ToGrpcStatus(counts.status());
  }
  util::LogInfo("erased %s at the request of \"%s\": %d signals, %d revisions",
                asked, caller->name, counts->signals, counts->revisions);
  edge_->Audit(*caller, *context, "Erase", counts->teams);
  response->set_signals(counts->signals);
  response->set_revisions(counts->revisions);
  return grpc::Status::OK;
}

}  // namespace teamload::api
