// The API edge: every RPC passes through here before a handler sees it.
// It owns request limits, authentication (bearer tokens, through
// auth::Authenticator), roles and team scopes, and turns internal
// absl::Status errors into grpc::Status with a message a person can act on.
// Handlers receive an admitted auth::Caller; they never read credentials or
// check limits themselves.
//
// Thread-safe: immutable after construction.
#ifndef TEAMLOAD_DAEMON_API_EDGE_H_
#define TEAMLOAD_DAEMON_API_EDGE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/api/audit_log.h"
#include "daemon/auth/authenticator.h"
#include "daemon/auth/caller.h"
#include "daemon/config/config.h"
#include "google/protobuf/timestamp.pb.h"
#include "grpcpp/security/auth_metadata_processor.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "teamload/v1/ingest.pb.h"

namespace teamload::api {

// absl and gRPC status codes map one to one.
grpc::Status ToGrpcStatus(const absl::Status& status);

// A request's as_of: `now` when unset; otherwise checked with the same
// bounds as a signal's time (INVALID_ARGUMENT naming as_of).
absl::StatusOr<absl::Time> RequestAsOf(const google::protobuf::Timestamp& as_of,
                                       bool has_as_of, absl::Time now);

class Edge {
 public:
  // `authenticator` null: an insecure_local daemon, where every call comes
  // from Caller::Local(). `audit` null: no audit log. Both, when set, must
  // outlive the Edge.
  Edge(const config::Limits& limits, const auth::Authenticator* authenticator,
       AuditLog* audit = nullptr)
      : limits_(limits), authenticator_(authenticator), audit_(audit) {}

  // The caller of `context`'s call to `rpc` (its method name, for
  // messages), if its token is valid (UNAUTHENTICATED otherwise) and its
  // role allows `right` (PERMISSION_DENIED otherwise).
  absl::StatusOr<auth::Caller> Admit(const grpc::ServerContext& context,
                                     auth::Right right,
                                     absl::string_view rpc) const;

  // A read of team data, admitted: who asks, and as of when.
  struct Read {
    auth::Caller caller;
    absl::Time as_of;
  };
  // Admit(context, kRead, rpc), then the request's as_of (RequestAsOf:
  // `now` when unset). `Request` has as_of() and has_as_of().
  template <typename Request>
  absl::StatusOr<Read> AdmitRead(const grpc::ServerContext& context,
                                 absl::string_view rpc, const Request& request,
                                 absl::Time now) const {
    absl::StatusOr<auth::Caller> caller =
        Admit(context, auth::Right::kRead, rpc);
    if (!caller.ok()) return caller.status();
    absl::StatusOr<absl::Time> as_of =
        RequestAsOf(request.as_of(), request.has_as_of(), now);
    if (!as_of.ok()) return as_of.status();
    return Read{*std::move(caller), *as_of};
  }

  // Admit, then CheckScope for the one team the call names.
  absl::StatusOr<auth::Caller> AdmitTeam(const grpc::ServerContext& context,
                                         auth::Right right,
                                         absl::string_view rpc,
                                         absl::string_view team) const;

  // OK when `team` is in the caller's scope; otherwise PERMISSION_DENIED
  // with a message that is the same whether or not the team exists.
  absl::Status CheckScope(const auth::Caller& caller, absl::string_view team,
                          const grpc::ServerContext& context,
                          absl::string_view rpc) const;

  // Records in the audit log, when there is one, that `caller` read
  // `teams`' data through `rpc`.
  void Audit(const auth::Caller& caller, const grpc::ServerContext& context,
             absl::string_view rpc,
             const std::vector<std::string>& teams) const;

  // What the TLS transport runs before any handler: it turns away calls
  // without a valid token to services that have no handler of ours
  // (reflection), and lets health checks through without one (they reveal
  // nothing). Null for an insecure_local daemon.
  std::shared_ptr<grpc::AuthMetadataProcessor> TransportGate() const;

  // INVALID_ARGUMENT over the signal count limit, RESOURCE_EXHAUSTED over
  // the byte limit; each message names the limit and its config key.
  grpc::Status AdmitIngest(const teamload::v1::IngestRequest& request) const;

  // What the gRPC transport should accept at most: room to measure a request
  // over the byte limit and answer with our own message.
  int TransportMaxReceiveBytes() const;

 private:
  const config::Limits limits_;
  const auth::Authenticator* const authenticator_;
  AuditLog* const audit_;
};

// The message of a call to a team out of scope (or missing: the same).
std::string OutOfScopeMessage(const auth::Caller& caller,
                              absl::string_view team);

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_EDGE_H_
