// Who may scrape /metrics: the token of an HTTP Authorization header, as
// Prometheus sends it. `Bearer TOKEN` (the scrape config's
// `authorization:`) or HTTP basic auth with the token as the password and
// any user name (`basic_auth:`). The token must have the metrics or admin
// role. The authenticator counts and logs every refusal with the peer, as
// it does for gRPC calls; the token is never repeated.
//
// Stateless and thread-safe.
#ifndef TEAMLOAD_DAEMON_METRICS_SCRAPE_AUTH_H_
#define TEAMLOAD_DAEMON_METRICS_SCRAPE_AUTH_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "daemon/auth/authenticator.h"

namespace teamload::metrics {

// The challenge a 401 answer carries in its WWW-Authenticate header.
inline constexpr char kScrapeChallenge[] =
    "Bearer realm=\"teamload\", Basic realm=\"teamload\"";

// OK for a token with the metrics right; UNAUTHENTICATED when
// `authorization` (the header's value, empty when absent) has no token, a
// malformed one or one teamloadd does not know; PERMISSION_DENIED for a
// known token of another role. `peer` names the client in the log.
absl::Status AdmitScrape(const auth::Authenticator& authenticator,
                         absl::string_view authorization,
                         absl::string_view peer);

// The HTTP status answering `admission`: 200, 401 (UNAUTHENTICATED) or 403.
int ScrapeHttpStatus(const absl::Status& admission);

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_SCRAPE_AUTH_H_
