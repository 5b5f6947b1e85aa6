#include "collectors/github/live.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collectors/common/api_source.h"

namespace teamload::collectors::github {
namespace {

bool NameCharacter(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
         c == '_' || c == '.';
}

// Every page of one list, from `first_url` on through rel="next".
absl::StatusOr<int> FetchList(HttpClient& client, std::string first_url,
                              PageSink sink) {
  return FetchPages(
      client, std::move(first_url),
      [](const HttpResponse& response, simdjson::dom::element page)
          -> absl::StatusOr<std::optional<std::string>> {
        if (!page.is_array()) {
          return absl::InvalidArgumentError(
              "$: a GitHub list page is an array here");
        }
        return NextLink(response);
      },
      sink);
}

}  // namespace

std::vector<std::string> RestHeaders() {
  return {"Accept: application/vnd.github+json",
          "X-GitHub-Api-Version: 2022-11-28"};
}

absl::Status CheckRepository(const std::string& repository) {
  const size_t slash = repository.find('/');
  const bool two_names = slash != std::string::npos && slash > 0 &&
                         slash + 1 < repository.size() &&
                         repository.find('/', slash + 1) == std::string::npos;
  if (!two_names) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "repository \"%s\": expected OWNER/REPO, e.g. acme/payments",
        repository));
  }
  for (char c : repository) {
    if (c != '/' && !NameCharacter(c)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "repository \"%s\": GitHub names hold letters, digits, '-', '_' "
          "and '.' only",
          repository));
    }
  }
  return absl::OkStatus();
}

std::string IssuesUrl(const std::string& api_url, const std::string& repository,
                      const RepositoriesQuery& query) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"state", "all"}, {"per_page", absl::StrCat(query.per_page)}};
  if (!query.since.empty()) params.emplace_back("since", query.since);
  return absl::StrCat(
      ApiUrl(api_url, absl::StrCat("/repos/", repository, "/issues")), "?",
      QueryString(params));
}

std::string EventsUrl(const std::string& api_url, const std::string& repository,
                      const RepositoriesQuery& query) {
  return absl::StrCat(
      ApiUrl(api_url, absl::StrCat("/repos/", repository, "/issues/events")),
      "?", QueryString({{"per_page", absl::StrCat(query.per_page)}}));
}

absl::StatusOr<int> FetchRepositories(HttpClient& client,
                                      const std::string& api_url,
                                      const RepositoriesQuery& query,
                                      PageSink sink) {
  int pages = 0;
  for (const std::string& repository : query.repositories) {
    for (std::string first : {IssuesUrl(api_url, repository, query),
                              EventsUrl(api_url, repository, query)}) {
      absl::StatusOr<int> fetched = FetchList(client, std::move(first), sink);
      if (!fetched.ok()) return fetched.status();
      pages += *fetched;
    }
  }
  return pages;
}

}  // namespace teamload::collectors::github
