#include "collectors/common/api_source.h"

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace teamload::collectors {

void AddApiFlags(CLI::App& app, ApiFlags& flags,
                 const std::string& default_token_env,
                 const std::string& default_auth) {
  flags.token_env = default_token_env;
  flags.auth = default_auth;
  CLI::Option* inputs = app.get_option("INPUTS");
  CLI::Option* url =
      app.add_option("--api-url", flags.url,
                     "Fetch from this API base URL instead of reading files");
  inputs->required(false);
  url->excludes(inputs);
  app.add_option("--api-token-env", flags.token_env,
                 "The environment variable that holds the API token")
      ->capture_default_str();
  app.add_option("--auth", flags.auth,
                 "How the token is sent: token (Authorization: Token "
                 "token=...), bearer, or basic (the variable holds "
                 "user:token)")
      ->check(CLI::IsMember({"token", "bearer", "basic"}))
      ->capture_default_str();
  app.callback([inputs, url] {
    if (inputs->count() == 0 && url->count() == 0) {
      throw CLI::RequiredError("INPUTS (files or folders) or --api-url");
    }
  });
}

void AddPageSizeFlag(CLI::App& app, int& page_size, absl::string_view items,
                     int most) {
  app.add_option("--page-size", page_size,
                 absl::StrCat("Live: ", items, " per page"))
      ->check(CLI::Range(1, most))
      ->capture_default_str();
}

absl::StatusOr<std::string> AuthorizationHeader(absl::string_view scheme,
                                                absl::string_view token) {
  if (scheme == "token") return absl::StrCat("Token token=", token);
  if (scheme == "bearer") return absl::StrCat("Bearer ", token);
  if (scheme == "basic")
    return absl::StrCat("Basic ", absl::Base64Escape(token));
  return absl::InvalidArgumentError(absl::StrCat(
      "--auth: \"", scheme, "\" is not one of token, bearer, basic"));
}

absl::StatusOr<std::string> AuthorizationFromEnv(const ApiFlags& flags) {
  const char* token = std::getenv(flags.token_env.c_str());
  if (token == nullptr || *token == '\0') {
    return absl::FailedPreconditionError(absl::StrCat(
        "the API token is read from the environment variable ", flags.token_env,
        ", which is ", token == nullptr ? "unset" : "empty",
        " (--api-token-env names another)"));
  }
  return AuthorizationHeader(flags.auth, token);
}

absl::StatusOr<std::unique_ptr<HttpClient>> NewApiClient(
    absl::string_view collector, const ApiFlags& flags,
    std::vector<std::string> extra_headers) {
  absl::StatusOr<std::string> authorization = AuthorizationFromEnv(flags);
  if (!authorization.ok()) return authorization.status();
  HttpClientOptions options;
  options.user_agent = absl::StrCat(collector, "/", TEAMLOAD_VERSION);
  options.authorization = *std::move(authorization);
  options.extra_headers = std::move(extra_headers);
  return NewCurlHttpClient(std::move(options));
}

std::string ApiUrl(absl::string_view base, absl::string_view path) {
  return absl::StrCat(absl::StripSuffix(base, "/"), path);
}

}  // namespace teamload::collectors
