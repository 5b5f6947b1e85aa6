#include "collectors/common/paged_fetch.h"

#include <curl/curl.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::collectors {
namespace {

std::string Escape(const std::string& text) {
  // libcurl ignores the handle argument since 7.82.
  char* escaped =
      curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  std::string out = escaped != nullptr ? escaped : "";
  curl_free(escaped);
  return out;
}

// "https://api.github.com:443" of "https://api.github.com:443/repos/...":
// where a request goes, and so where its token goes.
absl::string_view Origin(absl::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == absl::string_view::npos) return url;
  return url.substr(0, url.find('/', scheme_end + 3));
}

}  // namespace

absl::StatusOr<int> FetchPages(HttpClient& client, std::string first_url,
                               NextPage next, PageSink sink) {
  simdjson::dom::parser parser;
  const std::string origin(Origin(first_url));
  std::optional<std::string> url = std::move(first_url);
  int pages = 0;
  while (url.has_value()) {
    absl::StatusOr<HttpResponse> response = client.Get(*url);
    if (!response.ok()) return response.status();
    if (response->status != 200) {
      constexpr size_t kShown = 300;
      return absl::FailedPreconditionError(
          absl::StrFormat("GET %s: HTTP %d: %s%s", *url, response->status,
                          response->body.substr(0, kShown),
                          response->body.size() > kShown ? "..." : ""));
    }
    simdjson::dom::element page;
    if (auto error = parser.parse(response->body).get(page)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "GET ", *url,
          ": the page is not valid JSON: ", simdjson::error_message(error)));
    }
    absl::StatusOr<std::optional<std::string>> following =
        next(*response, page);
    if (!following.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("GET ", *url, ": ", following.status().message()));
    }
    sink(response->body, *url);
    ++pages;
    if (following->has_value() && **following == *url) {
      return absl::FailedPreconditionError(
          absl::StrCat("GET ", *url, ": the next page is this page again"));
    }
    // A next link elsewhere would take the token with it.
    if (following->has_value() && Origin(**following) != origin) {
      return absl::FailedPreconditionError(
          absl::StrCat("GET ", *url,
                       ": refusing to follow the next page to another server (",
                       **following, "); the token is only sent to ", origin));
    }
    url = *std::move(following);
  }
  return pages;
}

std::string QueryString(
    const std::vector<std::pair<std::string, std::string>>& params) {
  std::string query;
  for (const auto& [name, value] : params) {
    absl::StrAppend(&query, query.empty() ? "" : "&", Escape(name), "=",
                    Escape(value));
  }
  return query;
}

}  // namespace teamload::collectors
