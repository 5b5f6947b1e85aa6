#include "daemon/api/edge.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/ingest/validate.h"
#include "daemon/model/team_history.h"
#include "text/abbreviate.h"

namespace teamload::api {
namespace {

// The value of the call's authorization header; empty when there is none.
absl::string_view AuthorizationOf(const grpc::ServerContext& context) {
  const auto& metadata = context.client_metadata();
  const auto found = metadata.find("authorization");
  if (found == metadata.end()) return {};
  return absl::string_view(found->second.data(), found->second.size());
}

class Gate final : public grpc::AuthMetadataProcessor {
 public:
  explicit Gate(const auth::Authenticator* authenticator)
      : authenticator_(authenticator) {}

  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& metadata, grpc::AuthContext*,
                       OutputMetadata*, OutputMetadata*) override {
    const auto path = metadata.find(":path");
    const absl::string_view method =
        path == metadata.end()
            ? absl::string_view()
            : absl::string_view(path->second.data(), path->second.size());
    // Our own services check the token in the Edge, where the peer is known
    // and the message can name the RPC.
    if (absl::StartsWith(method, "/grpc.health.v1.Health/") ||
        absl::StartsWith(method, "/teamload.v1.")) {
      return grpc::Status::OK;
    }
    const auto header = metadata.find("authorization");
    absl::StatusOr<auth::Caller> caller = authenticator_->FromHeader(
        header == metadata.end()
            ? absl::string_view()
            : absl::string_view(header->second.data(), header->second.size()),
        method);
    return caller.ok() ? grpc::Status::OK : ToGrpcStatus(caller.status());
  }

 private:
  const auth::Authenticator* const authenticator_;
};

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

absl::StatusOr<absl::Time> RequestAsOf(const google::protobuf::Timestamp& as_of,
                                       bool has_as_of, absl::Time now) {
  if (!has_as_of) return now;
  if (absl::Status s = ingest::ValidateTime("as_of", as_of, now); !s.ok())
    return s;
  return model::ToTime(as_of);
}

InflightLimit::Hold::Hold(Hold&& other) noexcept
    : limit_(std::exchange(other.limit_, nullptr)),
      amount_(std::exchange(other.amount_, 0)) {}

InflightLimit::Hold& InflightLimit::Hold::operator=(Hold&& other) noexcept {
  if (this != &other) {
    if (limit_ != nullptr) limit_->Return(amount_);
    limit_ = std::exchange(other.limit_, nullptr);
    amount_ = std::exchange(other.amount_, 0);
  }
  return *this;
}

InflightLimit::Hold::~Hold() {
  if (limit_ != nullptr) limit_->Return(amount_);
}

absl::Status InflightLimit::Take(int64_t amount, Hold& hold) {
  {
    absl::MutexLock lock(&mu_);
    if (held_ + amount > limit_) {
      return absl::ResourceExhaustedError(absl::StrFormat(
          "the daemon is at its limit of %d %s (%s); retry after a pause",
          limit_, what_, key_));
    }
    held_ += amount;
  }
  hold = Hold(this, amount);
  return absl::OkStatus();
}

int64_t InflightLimit::held() const {
  absl::MutexLock lock(&mu_);
  return held_;
}

void InflightLimit::Return(int64_t amount) {
  absl::MutexLock lock(&mu_);
  held_ -= amount;
}

Edge::Edge(const config::Limits& limits,
           const auth::Authenticator* authenticator, AuditLog* audit)
    : limits_(limits),
      authenticator_(authenticator),
      audit_(audit),
      ingest_calls_(limits.max_ingest_calls, "ingest calls open at once",
                    "limits.max_ingest_calls"),
      ingest_bytes_(limits.max_inflight_bytes,
                    "bytes of ingest requests in flight",
                    "limits.max_inflight_bytes") {}

grpc::Status Edge::AdmitIngest(
    const teamload::v1::IngestRequest& request) const {
  if (request.signals_size() + request.coverage_size() >
      limits_.max_request_signals) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        absl::StrFormat(
            "request has %d signals and %d coverage entries, over the limit "
            "of %d per request (limits.max_request_signals counts both); send "
            "smaller batches",
            request.signals_size(), request.coverage_size(),
            limits_.max_request_signals));
  }
  const int64_t bytes = static_cast<int64_t>(request.ByteSizeLong());
  if (bytes > limits_.max_request_bytes) {
    return grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrFormat(
            "request is %d bytes, over the limit of %d bytes per request "
            "(limits.max_request_bytes); send smaller batches",
            bytes, limits_.max_request_bytes));
  }
  return grpc::Status::OK;
}

namespace {

// Long enough for a request in flight to be answered; clients add their own
// jittered backoff, so they do not come back in step.
constexpr int kOverloadPushbackMs = 200;

// `refused` as the client sees it: marked worth retrying after a pause.
grpc::Status Overloaded(const absl::Status& refused,
                        grpc::ServerContext& context) {
  context.AddTrailingMetadata(kRetryPushbackKey,
                              absl::StrCat(kOverloadPushbackMs));
  return ToGrpcStatus(refused);
}

}  // namespace

grpc::Status Edge::EnterIngestCall(grpc::ServerContext& context,
                                   InflightLimit::Hold& hold) const {
  absl::Status entered = ingest_calls_.Take(1, hold);
  return entered.ok() ? grpc::Status::OK : Overloaded(entered, context);
}

grpc::Status Edge::HoldIngestBytes(int64_t bytes, grpc::ServerContext& context,
                                   InflightLimit::Hold& hold) const {
  absl::Status held = ingest_bytes_.Take(bytes, hold);
  return held.ok() ? grpc::Status::OK : Overloaded(held, context);
}

absl::StatusOr<auth::Caller> Edge::Admit(const grpc::ServerContext& context,
                                         auth::Right right,
                                         absl::string_view rpc) const {
  if (authenticator_ == nullptr) return auth::Caller::Local();
  absl::StatusOr<auth::Caller> caller =
      authenticator_->FromHeader(AuthorizationOf(context), context.peer());
  if (!caller.ok()) return caller.status();
  if (absl::Status s =
          authenticator_->Check(*caller, right, rpc, context.peer());
      !s.ok()) {
    return s;
  }
  return caller;
}

absl::StatusOr<auth::Caller> Edge::AdmitTeam(const grpc::ServerContext& context,
                                             auth::Right right,
                                             absl::string_view rpc,
                                             absl::string_view team) const {
  absl::StatusOr<auth::Caller> caller = Admit(context, right, rpc);
  if (!caller.ok()) return caller;
  if (absl::Status s = CheckScope(*caller, team, context, rpc); !s.ok())
    return s;
  return caller;
}

std::string OutOfScopeMessage(const auth::Caller& caller,
                              absl::string_view team) {
  return absl::StrFormat(
      "team \"%s\" is not in the scope of token \"%s\" (teams: %s)",
      text::Abbreviated(team), caller.name, caller.ScopeText());
}

absl::Status Edge::CheckScope(const auth::Caller& caller,
                              absl::string_view team,
                              const grpc::ServerContext& context,
                              absl::string_view rpc) const {
  if (caller.Sees(team)) return absl::OkStatus();
  if (authenticator_ != nullptr) {
    authenticator_->Failed(
        auth::AuthFailure::kDenied,
        absl::StrFormat("token \"%s\" calling %s for a team out of scope",
                        caller.name, rpc),
        context.peer());
  }
  return absl::PermissionDeniedError(OutOfScopeMessage(caller, team));
}

void Edge::Audit(const auth::Caller& caller, const grpc::ServerContext& context,
                 absl::string_view rpc,
                 const std::vector<std::string>& teams) const {
  if (audit_ != nullptr) audit_->Record(caller, context.peer(), rpc, teams);
}

std::shared_ptr<grpc::AuthMetadataProcessor> Edge::TransportGate() const {
  if (authenticator_ == nullptr) return nullptr;
  return std::make_shared<Gate>(authenticator_);
}

int Edge::TransportMaxReceiveBytes() const {
  return static_cast<int>(std::min<int64_t>(limits_.max_request_bytes * 2,
                                            std::numeric_limits<int>::max()));
}

}  // namespace teamload::api
