#include "collectors/common/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace teamload::collectors {
namespace {

// Seconds as a header carries them: digits only, nothing else.
std::optional<absl::Duration> DeltaSeconds(absl::string_view text) {
  int64_t seconds = 0;
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), absl::ascii_isdigit) ||
      !absl::SimpleAtoi(text, &seconds)) {
    return std::nullopt;
  }
  return absl::Seconds(seconds);
}

// Failures worth another attempt: the network, not the request.
bool TransientCurlError(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

size_t AppendBody(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* out) {
  auto& headers = static_cast<HttpResponse*>(out)->headers;
  const absl::string_view line(data, size * count);
  // A new status line starts a new response (after 100 Continue).
  if (absl::StartsWith(line, "HTTP/")) headers.clear();
  const size_t colon = line.find(':');
  if (colon != absl::string_view::npos) {
    headers.emplace_back(
        absl::AsciiStrToLower(line.substr(0, colon)),
        std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
  }
  return size * count;
}

// Appends `item` to `list`. Out of memory, the list so far stays (freed
// with the client) rather than being lost under a null.
void Append(curl_slist*& list, const char* item) {
  if (curl_slist* grown = curl_slist_append(list, item)) list = grown;
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient(HttpClientOptions options, CURL* curl)
      : options_(std::move(options)), curl_(curl) {
    std::vector<std::string> headers = {"Expect:"};
    if (!options_.authorization.empty()) {
      headers.push_back(
          absl::StrCat("Authorization: ", options_.authorization));
    }
    headers.insert(headers.end(), options_.extra_headers.begin(),
                   options_.extra_headers.end());
    for (const std::string& header : headers) Append(headers_, header.c_str());
  }
  ~CurlHttpClient() override {
    curl_slist_free_all(headers_);
    curl_slist_free_all(json_headers_);
    curl_easy_cleanup(curl_);
  }

  absl::StatusOr<HttpResponse> Get(const std::string& url) override {
    return WithRetries("GET", url, nullptr);
  }
  absl::StatusOr<HttpResponse> PostJson(const std::string& url,
                                        const std::string& json) override {
    return WithRetries("POST", url, &json);
  }

 private:
  absl::StatusOr<HttpResponse> WithRetries(const char* method,
                                           const std::string& url,
                                           const std::string* json) {
    std::string last_failure;
    bool rate_limited = false;
    for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
      HttpResponse response;
      char error[CURL_ERROR_SIZE] = "";
      const CURLcode code = Attempt(url, json, response, error);
      absl::Duration wait =
          Backoff(attempt, options_.initial_backoff, options_.max_backoff);
      if (code != CURLE_OK) {
        last_failure = absl::StrCat(curl_easy_strerror(code),
                                    error[0] != '\0' ? ": " : "", error);
        if (!TransientCurlError(code)) {
          return absl::UnavailableError(
              absl::StrFormat("%s %s: %s", method, url, last_failure));
        }
        rate_limited = false;
      } else if (rate_limited = RateLimited(response);
                 rate_limited || response.status >= 500) {
        last_failure = absl::StrCat("HTTP ", response.status);
        if (std::optional<absl::Duration> asked =
                RetryAfter(response, options_.now())) {
          wait = std::min(*asked, options_.max_retry_after);
        }
      } else {
        return response;
      }
      if (attempt < options_.max_attempts) options_.sleep(wait);
    }
    const std::string message =
        absl::StrFormat("%s %s: gave up after %d attempts, the last: %s",
                        method, url, options_.max_attempts, last_failure);
    return rate_limited ? absl::ResourceExhaustedError(message)
                        : absl::UnavailableError(message);
  }

  CURLcode Attempt(const std::string& url, const std::string* json,
                   HttpResponse& response, char* error) {
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    // The URL comes from a flag: nothing but HTTP(S), no redirects.
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");  // what curl knows
    curl_easy_setopt(
        curl_, CURLOPT_CONNECTTIMEOUT_MS,
        static_cast<long>(absl::ToInt64Milliseconds(options_.connect_timeout)));
    curl_easy_setopt(
        curl_, CURLOPT_TIMEOUT_MS,
        static_cast<long>(absl::ToInt64Milliseconds(options_.timeout)));
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &AppendBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &AppendHeader);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &response);
    if (json != nullptr) {
      if (json_headers_ == nullptr) {
        for (curl_slist* h = headers_; h != nullptr; h = h->next) {
          Append(json_headers_, h->data);
        }
        Append(json_headers_, "Content-Type: application/json");
      }
      curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, json_headers_);
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE,
                       static_cast<long>(json->size()));
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, json->data());
    } else {
      curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers_);
    }
    const CURLcode code = curl_easy_perform(curl_);
    if (code == CURLE_OK) {
      curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
    }
    return code;
  }

  // Constant after construction.
  HttpClientOptions options_;
  CURL* const curl_;
  curl_slist* headers_ = nullptr;
  curl_slist* json_headers_ = nullptr;  // headers_ plus Content-Type
};

}  // namespace

std::optional<std::string> HttpResponse::Header(absl::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

absl::StatusOr<std::unique_ptr<HttpClient>> NewCurlHttpClient(
    HttpClientOptions options) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return absl::InternalError("cannot start libcurl");
  return std::make_unique<CurlHttpClient>(std::move(options), curl);
}

std::optional<absl::Duration> RetryAfter(const HttpResponse& response,
                                         absl::Time now) {
  if (std::optional<std::string> value = response.Header("retry-after")) {
    if (std::optional<absl::Duration> seconds = DeltaSeconds(*value)) {
      return seconds;
    }
    // curl_getdate reads every date form HTTP allows.
    const time_t when = curl_getdate(value->c_str(), nullptr);
    if (when != -1) {
      return std::max(absl::FromTimeT(when) - now, absl::ZeroDuration());
    }
  }
  if (std::optional<std::string> reset = response.Header("ratelimit-reset")) {
    return DeltaSeconds(*reset);
  }
  // GitHub's primary limit: out of requests until x-ratelimit-reset, an
  // epoch second.
  if (response.Header("x-ratelimit-remaining") == "0") {
    if (std::optional<std::string> reset =
            response.Header("x-ratelimit-reset")) {
      if (std::optional<absl::Duration> epoch = DeltaSeconds(*reset)) {
        return std::max(absl::UnixEpoch() + *epoch - now, absl::ZeroDuration());
      }
    }
  }
  return std::nullopt;
}

bool RateLimited(const HttpResponse& response) {
  if (response.status == 429) return true;
  // GitHub answers its rate limits with 403 too; a 403 without these
  // headers is a refusal, not a wait.
  return response.status == 403 &&
         (response.Header("retry-after").has_value() ||
          response.Header("x-ratelimit-remaining") == "0");
}

absl::Duration Backoff(int retry, absl::Duration initial, absl::Duration max) {
  absl::Duration wait = initial;
  for (int i = 1; i < retry && wait < max; ++i) wait *= 2;
  return std::min(wait, max);
}

std::optional<std::string> NextLink(const HttpResponse& response) {
  const std::optional<std::string> link = response.Header("link");
  if (!link.has_value()) return std::nullopt;
  // <https://api.github.com/...?page=2>; rel="next", <...>; rel="last"
  for (absl::string_view entry : absl::StrSplit(*link, ',')) {
    entry = absl::StripAsciiWhitespace(entry);
    const size_t open = entry.find('<'), close = entry.find('>');
    if (open != 0 || close == absl::string_view::npos) continue;
    for (absl::string_view param :
         absl::StrSplit(entry.substr(close + 1), ';', absl::SkipEmpty())) {
      param = absl::StripAsciiWhitespace(param);
      if (!absl::ConsumePrefix(&param, "rel=")) continue;
      param = absl::StripSuffix(absl::StripPrefix(param, "\""), "\"");
      for (absl::string_view rel : absl::StrSplit(param, ' ')) {
        if (rel == "next") return std::string(entry.substr(1, close - 1));
      }
    }
  }
  return std::nullopt;
}

}  // namespace teamload::collectors
