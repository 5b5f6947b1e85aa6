// The API edge: every RPC passes through here before a handler sees it.
// It owns request limits, authentication (bearer tokens, through
// auth::Authenticator), roles and team scopes, and turns internal
// absl::Status errors into grpc::Status with a message a person can act on.
// Handlers receive an admitted auth::Caller; they never read credentials or
// check limits themselves.
//
// Overload: an ingest call holds one of limits.max_ingest_calls places
// while open, and each request it has received holds its bytes of
// limits.max_inflight_bytes until it is answered. Past either, the call is
// refused at once with RESOURCE_EXHAUSTED, a message naming the limit and
// its key, and the trailer `grpc-retry-pushback-ms` (kRetryPushbackKey):
// the daemon's word that the same request will go in later. A refusal
// without that trailer (a request over limits.max_request_bytes) is final.
//
// Thread-safe: immutable after construction but for the in-flight counts,
// which are guarded.
#ifndef TEAMLOAD_DAEMON_API_EDGE_H_
#define TEAMLOAD_DAEMON_API_EDGE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
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

// The trailer of an overload refusal: milliseconds to wait before sending the
// same request again (gRPC's own retry policy reads it too). A refusal
// without it is not worth retrying.
inline constexpr char kRetryPushbackKey[] = "grpc-retry-pushback-ms";

// Something the daemon holds a bounded amount of at once, shared by every
// call: Take() holds an amount at once or refuses at once; nothing waits.
// Thread-safe.
class InflightLimit {
 public:
  // Returns its amount to the limit when destroyed. Move-only.
  class Hold {
   public:
    Hold() = default;
    Hold(Hold&& other) noexcept;
    Hold& operator=(Hold&& other) noexcept;
    ~Hold();

   private:
    friend class InflightLimit;
    Hold(InflightLimit* limit, int64_t amount)
        : limit_(limit), amount_(amount) {}
    InflightLimit* limit_ = nullptr;  // null: holds nothing
    int64_t amount_ = 0;
  };

  // `what` is the unit, for messages ("ingest calls open at once"), `key`
  // the config key of `limit` (limits.max_ingest_calls).
  InflightLimit(int64_t limit, absl::string_view what, absl::string_view key)
      : limit_(limit), what_(what), key_(key) {}

  // Holds `amount` when it fits beside what is held already; otherwise
  // RESOURCE_EXHAUSTED naming the limit and its key.
  absl::Status Take(int64_t amount, Hold& hold) ABSL_LOCKS_EXCLUDED(mu_);

  int64_t held() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Return(int64_t amount) ABSL_LOCKS_EXCLUDED(mu_);

  // Constant after construction.
  const int64_t limit_;
  const std::string what_;
  const std::string key_;

  mutable absl::Mutex mu_;
  int64_t held_ ABSL_GUARDED_BY(mu_) = 0;
};

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
       AuditLog* audit = nullptr);

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

  // INVALID_ARGUMENT over the entry count limit (signals and coverage
  // entries together), RESOURCE_EXHAUSTED over the byte limit; each message
  // names the limit and its config key. Neither is worth retrying.
  grpc::Status AdmitIngest(const teamload::v1::IngestRequest& request) const;

  // A place for one more ingest call, held in `hold` while it is open, or
  // an overload refusal (above) marked on `context`.
  grpc::Status EnterIngestCall(grpc::ServerContext& context,
                               InflightLimit::Hold& hold) const;
  // Room for `bytes` of a request just received, held in `hold` until it
  // is answered, or an overload refusal marked on `context`.
  grpc::Status HoldIngestBytes(int64_t bytes, grpc::ServerContext& context,
                               InflightLimit::Hold& hold) const;

  // What the gRPC transport should accept at most: room to measure a request
  // over the byte limit and answer with our own message.
  int TransportMaxReceiveBytes() const;

 private:
  // Constant after construction.
  const config::Limits limits_;
  const auth::Authenticator* const authenticator_;
  AuditLog* const audit_;

  // Thread-safe themselves.
  mutable InflightLimit ingest_calls_;
  mutable InflightLimit ingest_bytes_;
};

// The message of a call to a team out of scope (or missing: the same).
std::string OutOfScopeMessage(const auth::Caller& caller,
                              absl::string_view team);

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_EDGE_H_
