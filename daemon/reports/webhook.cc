#include "daemon/reports/webhook.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/reports/curl_easy.h"
#include "text/controls.h"

namespace teamload::reports {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlFree {
  void operator()(char* part) const { curl_free(part); }
};

// A part of a parsed URL, lower-cased; empty when it has none.
std::string Part(CURLU* url, CURLUPart which) {
  char* raw = nullptr;
  if (curl_url_get(url, which, &raw, 0) != CURLUE_OK || raw == nullptr)
    return "";
  const std::unique_ptr<char, CurlFree> part(raw);
  return absl::AsciiStrToLower(part.get());
}

bool IsLoopback(absl::string_view host) {
  if (host == "localhost" || host == "[::1]") return true;
  in_addr v4;
  return absl::StartsWith(host, "127.") &&
         inet_pton(AF_INET, std::string(host).c_str(), &v4) == 1;
}

// Keeps the start of the answer, for the log.
size_t KeepBody(char* data, size_t size, size_t count, void* user) {
  std::string& body = *static_cast<std::string*>(user);
  constexpr std::size_t kKept = 200;
  if (body.size() < kKept)
    body.append(data, std::min(size * count, kKept - body.size()));
  return size * count;
}

}  // namespace

absl::Status CheckWebhookUrl(absl::string_view url) {
  InitCurlOnce();
  const std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (parsed == nullptr) return absl::InternalError("curl_url failed");
  if (curl_url_set(parsed.get(), CURLUPART_URL, std::string(url).c_str(), 0) !=
      CURLUE_OK) {
    return absl::InvalidArgumentError(
        "is not a URL (expected https://HOST/...)");
  }
  const std::string scheme = Part(parsed.get(), CURLUPART_SCHEME);
  const std::string host = Part(parsed.get(), CURLUPART_HOST);
  if (host.empty()) {
    return absl::InvalidArgumentError(
        "names no host (expected https://HOST/...)");
  }
  if (scheme == "https") return absl::OkStatus();
  if (scheme == "http" && IsLoopback(host)) return absl::OkStatus();
  if (scheme == "http") {
    return absl::InvalidArgumentError(
        "is http:// to a host that is not loopback: a webhook URL is a "
        "secret and must travel over https://");
  }
  return absl::InvalidArgumentError("is not an https:// URL");
}

absl::Status PostJson(const std::string& url, absl::string_view json,
                      absl::Duration timeout) {
  absl::StatusOr<CurlHandle> curl = NewCurl(timeout);
  if (!curl.ok()) {
    return absl::Status(curl.status().code(),
                        absl::StrCat("webhook: ", curl.status().message()));
  }
  // No "Expect: 100-continue": the body goes at once.
  absl::StatusOr<CurlList> headers =
      NewCurlList({"Content-Type: application/json", "Expect:"});
  if (!headers.ok()) {
    return absl::ResourceExhaustedError("webhook: no memory for headers");
  }
  std::string body;
  CURL* c = curl->get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers->get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, json.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(json.size()));
  curl_easy_setopt(c, CURLOPT_USERAGENT, "teamloadd");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &KeepBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  // No error buffer: libcurl writes the host or the URL into it. Its
  // generic words for each code never name them.
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return absl::UnavailableError(
        absl::StrFormat("the webhook did not answer: %s (curl error %d)",
                        curl_easy_strerror(rc), static_cast<int>(rc)));
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    return absl::UnavailableError(absl::StrFormat(
        "the webhook answered HTTP %d%s", status,
        body.empty() ? "" : absl::StrCat(": ", text::ShowControls(body))));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<WebhookPoster>> WebhookPoster::FromEnvironment(
    const std::vector<config::ReportConfig>& reports, absl::Duration timeout) {
  std::map<std::string, std::string> urls;
  for (const config::ReportConfig& report : reports) {
    if (report.slack_webhook_env.empty()) continue;
    const char* value = std::getenv(report.slack_webhook_env.c_str());
    if (value == nullptr || *value == '\0') {
      return absl::FailedPreconditionError(absl::StrFormat(
          "report %s: the environment variable %s (slack_webhook_env) is %s; "
          "set it to the Slack incoming webhook's URL",
          report.name, report.slack_webhook_env,
          value == nullptr ? "not set" : "empty"));
    }
    if (absl::Status s = CheckWebhookUrl(value); !s.ok()) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "report %s: the environment variable %s (slack_webhook_env) %s",
          report.name, report.slack_webhook_env, s.message()));
    }
    urls[report.name] = value;
  }
  return std::unique_ptr<WebhookPoster>(
      new WebhookPoster(std::move(urls), timeout));
}

absl::Status WebhookPoster::Post(const config::ReportConfig& report,
                                 const std::string& payload) {
  const auto url = urls_.find(report.name);
  if (url == urls_.end()) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "slack: no webhook URL was read for report %s", report.name));
  }
  absl::Status s = PostJson(url->second, payload, timeout_);
  if (s.ok()) return s;
  return absl::Status(s.code(), absl::StrCat("slack: ", s.message()));
}

}  // namespace teamload::reports
