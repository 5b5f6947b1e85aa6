// Authenticator: turns a bearer token into a Caller, by the SHA-256 digests
// in the config's auth.tokens (the tokens themselves are never stored), and
// keeps the failures countable and their log bounded. The gRPC edge and the
// /metrics server both ask it, so one token means the same everywhere.
//
// Thread-safe.
#ifndef TEAMLOAD_DAEMON_AUTH_AUTHENTICATOR_H_
#define TEAMLOAD_DAEMON_AUTH_AUTHENTICATOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/auth/caller.h"
#include "daemon/config/config.h"
#include "daemon/util/clock.h"
#include "daemon/util/rate_limited_log.h"

namespace teamload::auth {

// Why a call was turned away; the label of teamload_auth_failures_total.
enum class AuthFailure {
  kMissing,    // no token (UNAUTHENTICATED)
  kMalformed,  // an authorization header that is not "Bearer TOKEN"
  kUnknown,    // a token whose digest is in no auth.tokens entry
  kDenied,     // a known token whose role lacks the right (PERMISSION_DENIED)
};

// "missing", "malformed", "unknown", "denied".
absl::string_view AuthFailureName(AuthFailure failure);

// Hears of every failure (the metrics count them). Implementations must be
// thread-safe.
class AuthObserver {
 public:
  virtual ~AuthObserver() = default;
  virtual void AuthFailed(AuthFailure failure) = 0;
};

class Authenticator {
 public:
  // The daemon's authenticator: null for an insecure_local config (no
  // tokens), otherwise one for config.tokens.
  static std::unique_ptr<Authenticator> ForConfig(const config::Config& config,
                                                  const util::Clock* clock,
                                                  AuthObserver* observer);

  // `observer` may be null; when set it must outlive this object, as must
  // `clock` (which paces the failure log).
  Authenticator(const std::vector<config::TokenConfig>& tokens,
                const util::Clock* clock, AuthObserver* observer);

  // From an authorization header's value ("Bearer TOKEN", the scheme in
  // any case). UNAUTHENTICATED with a message that never repeats the token;
  // the failure is counted and logged with `peer` (at most a few lines a
  // second).
  absl::StatusOr<Caller> FromHeader(absl::string_view authorization,
                                    absl::string_view peer) const;
  // From the token itself (the password of HTTP basic auth).
  absl::StatusOr<Caller> FromToken(absl::string_view token,
                                   absl::string_view peer) const;

  // PERMISSION_DENIED unless `caller` may use `right` for `what` (an RPC
  // or "/metrics"); a denial is counted and logged like a failure.
  absl::Status Check(const Caller& caller, Right right, absl::string_view what,
                     absl::string_view peer) const;

  // Counts and logs a failure found elsewhere (a call to a team out of
  // scope).
  void Failed(AuthFailure failure, absl::string_view what,
              absl::string_view peer) const;

 private:
  // Constant after construction.
  absl::flat_hash_map<std::string, Caller> by_digest_;
  AuthObserver* const observer_;

  // Thread-safe itself.
  mutable util::RateLimitedLog log_;
};

}  // namespace teamload::auth

#endif  // TEAMLOAD_DAEMON_AUTH_AUTHENTICATOR_H_
