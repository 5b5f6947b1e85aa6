#include <string>

#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/rpc.h"
#include "teamload/v1/admin.grpc.pb.h"

namespace teamload::cli {

int RunErase(const Daemon& daemon, const std::string& respondent,
             const std::string& signal_id, bool json) {
  grpc::ClientContext context;
  SetDeadline(context);
  teamload::v1::EraseRequest request;
  if (!respondent.empty()) {
    request.set_respondent(respondent);
  } else {
    request.set_signal_id(signal_id);
  }
  teamload::v1::EraseResponse response;
  grpc::Status status = teamload::v1::AdminService::NewStub(daemon.channel)
                            ->Erase(&context, request, &response);
  if (!status.ok()) return Failed(daemon.address, status);
  if (json) {
    PrintJson(response);
    return 0;
  }
  absl::PrintF("erased %d signals (%d revisions)\n", response.signals(),
               response.revisions());
  return 0;
}

}  // namespace teamload::cli
