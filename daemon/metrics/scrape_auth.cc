#include "daemon/metrics/scrape_auth.h"

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"

namespace teamload::metrics {
namespace {

constexpr absl::string_view kBasic = "basic ";

// The caller of a basic auth header: the password is the token.
absl::StatusOr<auth::Caller> FromBasic(const auth::Authenticator& authenticator,
                                       absl::string_view credentials,
                                       absl::string_view peer) {
  std::string decoded;
  const std::size_t colon =
      absl::Base64Unescape(absl::StripAsciiWhitespace(credentials), &decoded)
          ? decoded.find(':')
          : std::string::npos;
  if (colon == std::string::npos) {
    authenticator.Failed(auth::AuthFailure::kMalformed,
                         "a basic auth header that is not base64 of USER:TOKEN",
                         peer);
    return absl::UnauthenticatedError(
        "basic auth must carry base64 of \"USER:TOKEN\"");
  }
  return authenticator.FromToken(absl::string_view(decoded).substr(colon + 1),
                                 peer);
}

}  // namespace

absl::Status AdmitScrape(const auth::Authenticator& authenticator,
                         absl::string_view authorization,
                         absl::string_view peer) {
  authorization = absl::StripAsciiWhitespace(authorization);
  const absl::StatusOr<auth::Caller> caller =
      absl::StartsWithIgnoreCase(authorization, kBasic)
          ? FromBasic(authenticator, authorization.substr(kBasic.size()), peer)
          : authenticator.FromHeader(authorization, peer);
  if (!caller.ok()) return caller.status();
  return authenticator.Check(*caller, auth::Right::kMetrics, "/metrics", peer);
}

int ScrapeHttpStatus(const absl::Status& admission) {
  if (admission.ok()) return 200;
  return absl::IsPermissionDenied(admission) ? 403 : 401;
}

}  // namespace teamload::metrics
