#include "daemon/auth/authenticator.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "client/token.h"
#include "daemon/util/log.h"

namespace teamload::auth {
namespace {

// Failures logged per second; more are counted and summed up in the next
// line written, so a flood of bad tokens cannot fill the disk.
constexpr int kLogLinesPerSecond = 5;

}  // namespace

absl::string_view AuthFailureName(AuthFailure failure) {
  constexpr absl::string_view kNames[] = {"missing", "malformed", "unknown",
                                          "denied"};
  return kNames[static_cast<int>(failure)];
}

std::unique_ptr<Authenticator> Authenticator::ForConfig(
    const config::Config& config, const util::Clock* clock,
    AuthObserver* observer) {
  if (config.insecure_local) return nullptr;
  return std::make_unique<Authenticator>(config.tokens, clock, observer);
}

Authenticator::Authenticator(const std::vector<config::TokenConfig>& tokens,
                             const util::Clock* clock, AuthObserver* observer)
    : observer_(observer), log_(clock, kLogLinesPerSecond) {
  for (const config::TokenConfig& token : tokens) {
    by_digest_.emplace(
        token.sha256,
        Caller{.name = token.name, .role = token.role, .teams = token.teams});
  }
}

absl::StatusOr<Caller> Authenticator::FromHeader(
    absl::string_view authorization, absl::string_view peer) const {
  if (authorization.empty()) {
    Failed(AuthFailure::kMissing, "a call without a token", peer);
    return absl::UnauthenticatedError(
        "this call needs a token: send \"authorization: Bearer TOKEN\"");
  }
  absl::string_view token = authorization;
  if (token.size() < 7 ||
      !absl::EqualsIgnoreCase(token.substr(0, 7), "bearer ")) {
    Failed(AuthFailure::kMalformed, "an authorization header not \"Bearer\"",
           peer);
    return absl::UnauthenticatedError(
        "the authorization header must read \"Bearer TOKEN\"");
  }
  token.remove_prefix(7);
  return FromToken(absl::StripAsciiWhitespace(token), peer);
}

absl::StatusOr<Caller> Authenticator::FromToken(absl::string_view token,
                                                absl::string_view peer) const {
  if (token.empty()) {
    Failed(AuthFailure::kMissing, "a call without a token", peer);
    return absl::UnauthenticatedError("this call needs a token");
  }
  const auto found = by_digest_.find(client::TokenDigest(token));
  if (found == by_digest_.end()) {
    Failed(AuthFailure::kUnknown, "a token teamloadd does not know", peer);
    return absl::UnauthenticatedError(
        "the token is not one teamloadd knows (not in auth.tokens, or "
        "rotated out)");
  }
  return found->second;
}

absl::Status Authenticator::Check(const Caller& caller, Right right,
                                  absl::string_view what,
                                  absl::string_view peer) const {
  if (caller.May(right)) return absl::OkStatus();
  Failed(AuthFailure::kDenied,
         absl::StrFormat("token \"%s\" (role %s) calling %s", caller.name,
                         config::RoleName(caller.role), what),
         peer);
  return absl::PermissionDeniedError(absl::StrFormat(
      "token \"%s\" has role %s, which may not call %s (it needs %s)",
      caller.name, config::RoleName(caller.role), what,
      right == Right::kIngest    ? "collector or admin"
      : right == Right::kRead    ? "reader or admin"
      : right == Right::kMetrics ? "metrics or admin"
                                 : "the admin role"));
}

void Authenticator::Failed(AuthFailure failure, absl::string_view what,
                           absl::string_view peer) const {
  if (observer_ != nullptr) observer_->AuthFailed(failure);
  log_.Warning("auth: refused %s from %s (%s)", what, peer,
               AuthFailureName(failure));
}

}  // namespace teamload::auth
