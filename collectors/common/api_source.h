// ApiSource: the flags and the HttpClient of a collector's live mode
// (--api-url, --api-token-env, --auth). The token is read from the environment
// variable that --api-token-env names, never from the command line (where `ps`
// and shell history would show it), and never printed.
//
// Thread-compatible.
#ifndef TEAMLOAD_COLLECTORS_COMMON_API_SOURCE_H_
#define TEAMLOAD_COLLECTORS_COMMON_API_SOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "collectors/common/http_client.h"

namespace teamload::collectors {

struct ApiFlags {
  std::string url;        // empty: read files instead
  std::string token_env;  // the NAME of the variable holding the token
  std::string auth;       // "token" (PagerDuty API keys), "bearer", "basic"
};

// Adds --api-url, --api-token-env (default `default_token_env`) and --auth
// (default `default_auth`) to `app`, and makes INPUTS optional when
// --api-url is given (exactly one of them is then required).
void AddApiFlags(CLI::App& app, ApiFlags& flags,
                 const std::string& default_token_env,
                 const std::string& default_auth);

// Adds --page-size, "Live: <items> per page", from 1 to `most` (the API's
// maximum), to `app`; `page_size` holds the default and receives the value.
void AddPageSizeFlag(CLI::App& app, int& page_size, absl::string_view items,
                     int most);

// The Authorization header value for `token` under `scheme`:
// "Token token=T" for "token", "Bearer T" for "bearer", and for "basic"
// (Jira Cloud's "email:api-token") "Basic " + base64. INVALID_ARGUMENT for
// another scheme.
absl::StatusOr<std::string> AuthorizationHeader(absl::string_view scheme,
                                                absl::string_view token);

// The token in the variable `flags.token_env`, as an Authorization header:
// FAILED_PRECONDITION naming the variable when it is unset or empty.
absl::StatusOr<std::string> AuthorizationFromEnv(const ApiFlags& flags);

// A client for `collector` ("teamload-pagerduty": the User-Agent is
// "teamload-pagerduty/<version>") that authenticates as the flags say and
// sends `extra_headers` too.
absl::StatusOr<std::unique_ptr<HttpClient>> NewApiClient(
    absl::string_view collector, const ApiFlags& flags,
    std::vector<std::string> extra_headers);

// `base` without a trailing '/' followed by `path` ("/incidents").
std::string ApiUrl(absl::string_view base, absl::string_view path);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_API_SOURCE_H_
