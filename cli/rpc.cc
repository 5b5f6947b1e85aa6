#include "cli/rpc.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace teamload::cli {

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
}

int Failed(const std::string& address, const grpc::Status& status) {
  absl::FPrintF(stderr, "teamloadctl: %s: %s\n", address,
                status.error_code() == grpc::StatusCode::UNAVAILABLE
                    ? absl::StrCat("cannot reach teamloadd (", status.error_message(),
                                   "); is it running? (--addr or TEAMLOAD_ADDR)")
                    : status.error_message());
  return 2;
}

void PrintJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  absl::PrintF("%s", json);
}

}  // namespace teamload::cli
