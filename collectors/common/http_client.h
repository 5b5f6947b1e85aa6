// HttpClient: what the collectors' live modes fetch API pages through. One
// call is one logical request: the client retries it when rate limited (a
// 429, or GitHub's 403 with its rate-limit headers; waiting what the
// response asks, see RetryAfter, within a cap), on 5xx and on connection
// errors (capped exponential backoff), and gives up with an
// error naming the URL and the last status. Any other status (2xx, 3xx, 4xx)
// is returned as is: what it means is the caller's business.
//
// NewCurlHttpClient is the libcurl implementation. It sends the
// Authorization header given in the options on every request and never
// writes it anywhere (errors name the URL, never the headers).
//
// Thread-compatible: one HttpClient per thread.
#ifndef TEAMLOAD_COLLECTORS_COMMON_HTTP_CLIENT_H_
#define TEAMLOAD_COLLECTORS_COMMON_HTTP_CLIENT_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace teamload::collectors {

struct HttpResponse {
  long status = 0;
  // In the order received, names lower-cased.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header called `name` (any case), or nullopt.
  std::optional<std::string> Header(absl::string_view name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  virtual absl::StatusOr<HttpResponse> Get(const std::string& url) = 0;
  // POSTs `json` with Content-Type: application/json.
  virtual absl::StatusOr<HttpResponse> PostJson(const std::string& url,
                                                const std::string& json) = 0;
};

struct HttpClientOptions {
  std::string user_agent;     // "teamload-pagerduty/0.1.0"
  std::string authorization;  // the whole header value; empty: none sent
  std::vector<std::string> extra_headers;  // "Accept: application/json"
  absl::Duration connect_timeout = absl::Seconds(10);
  absl::Duration timeout = absl::Seconds(60);  // one attempt, whole transfer
  int max_attempts = 6;
  absl::Duration initial_backoff = absl::Milliseconds(500);
  absl::Duration max_backoff = absl::Seconds(30);
  // The longest wait a 429 may ask for; a longer one is cut to this.
  absl::Duration max_retry_after = absl::Minutes(5);
  // How the client waits between attempts; tests pass one that records.
  std::function<void(absl::Duration)> sleep = [](absl::Duration d) {
    absl::SleepFor(d);
  };
  std::function<absl::Time()> now = [] { return absl::Now(); };
};

// REQUIRES: options.max_attempts >= 1.
absl::StatusOr<std::unique_ptr<HttpClient>> NewCurlHttpClient(
    HttpClientOptions options);

// How long a rate-limited (or 503) response asks to wait: Retry-After in
// seconds or as an HTTP-date (RFC 9110: IMF-fixdate, RFC 850 or asctime),
// else PagerDuty's ratelimit-reset seconds, else, when GitHub's
// x-ratelimit-remaining is 0, until its x-ratelimit-reset epoch second;
// nullopt when none is usable. A time in the past means zero.
std::optional<absl::Duration> RetryAfter(const HttpResponse& response,
                                         absl::Time now);

// Whether the response says "too many requests, wait": a 429, or GitHub's
// 403 that carries Retry-After or x-ratelimit-remaining: 0 (its primary and
// secondary rate limits answer either status).
bool RateLimited(const HttpResponse& response);

// The wait before retry `retry` (1 for the first): initial * 2^(retry-1),
// never above `max`.
absl::Duration Backoff(int retry, absl::Duration initial, absl::Duration max);

// The URL of the Link header's rel="next" entry (RFC 8288, as GitHub
// paginates), or nullopt on the last page.
std::optional<std::string> NextLink(const HttpResponse& response);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_HTTP_CLIENT_H_
