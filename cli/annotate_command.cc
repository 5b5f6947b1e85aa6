#include <string>

#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/rpc.h"
#include "teamload/v1/annotation.grpc.pb.h"

namespace teamload::cli {

int RunAnnotate(const Daemon& daemon, const AnnotateOptions& options) {
  teamload::v1::AnnotateRequest request;
  request.set_team(options.team);
  request.set_text(options.text);
  request.set_author(options.author);
  request.set_id(options.id);
  google::protobuf::Timestamp at;
  if (!ParseAsOf(options.at, &at, "--at")) return 2;
  if (!options.at.empty()) *request.mutable_at() = at;

  grpc::ClientContext context;
  SetDeadline(context);
  teamload::v1::AnnotateResponse response;
  grpc::Status status = teamload::v1::AnnotationService::NewStub(daemon.channel)
                            ->Annotate(&context, request, &response);
  if (!status.ok()) return Failed(daemon.address, status);
  if (options.json) {
    PrintJson(response);
    return 0;
  }
  if (!response.changed()) {
    absl::PrintF("%s was noted already, word for word\n", response.id());
  } else if (options.id.empty()) {
    absl::PrintF("noted as %s (correct it with --id %s)\n", response.id(),
                 response.id());
  } else {
    absl::PrintF("corrected %s\n", response.id());
  }
  return 0;
}

}  // namespace teamload::cli
