// What every teamloadctl command shares to talk to teamloadd: the channel,
// deadlines, error reporting and JSON output.
#ifndef TEAMLOAD_CLI_RPC_H_
#define TEAMLOAD_CLI_RPC_H_

#include <memory>
#include <string>

#include "google/protobuf/message.h"
#include "google/protobuf/timestamp.pb.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace teamload::cli {

// The daemon a command talks to: its channel, and its address for messages.
struct Daemon {
  std::string address;
  std::shared_ptr<grpc::Channel> channel;
};

// Ten seconds: enough for any read on a loaded daemon, short enough for a
// person.
void SetDeadline(grpc::ClientContext& context);

// Reports the error on stderr (pointing at --addr when the daemon cannot be
// reached) and returns exit code 2.
int Failed(const std::string& address, const grpc::Status& status);

// Parses a time flag (--as-of, --at): RFC 3339 ("2026-11-27T09:00:00Z") or
// a day ("2026-11-27", midnight UTC). Empty means now: nothing is set. On a
// bad value, says so on stderr naming `flag` and returns false.
bool ParseAsOf(const std::string& text, google::protobuf::Timestamp* out,
               const char* flag = "--as-of");

// Sets request.as_of from --as-of, unless it is empty.
template <typename Request>
bool SetAsOf(const std::string& text, Request& request) {
  google::protobuf::Timestamp as_of;
  if (!ParseAsOf(text, &as_of)) return false;
  if (!text.empty()) *request.mutable_as_of() = as_of;
  return true;
}

// Pretty proto3 JSON on stdout, every field printed.
void PrintJson(const google::protobuf::Message& message);

}  // namespace teamload::cli

#endif  // TEAMLOAD_CLI_RPC_H_
