// FetchPages: the loop every live mode runs. GET a JSON page, hand its body
// to the collector's parser, ask the API's own pagination rule (offset and
// more, startAt and total, a Link header) for the next URL, until there is
// none.
//
// Thread-compatible: uses the caller's client and parser.
#ifndef TEAMLOAD_COLLECTORS_COMMON_PAGED_FETCH_H_
#define TEAMLOAD_COLLECTORS_COMMON_PAGED_FETCH_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "collectors/common/http_client.h"
#include "simdjson.h"

namespace teamload::collectors {

// Reads a page (its response and parsed JSON) and returns the next page's
// URL, nullopt on the last page, or an error saying what the page lacks.
using NextPage = absl::FunctionRef<absl::StatusOr<std::optional<std::string>>(
    const HttpResponse& response, simdjson::dom::element page)>;
// Receives each page's body and URL (the URL names the page in errors).
using PageSink =
    absl::FunctionRef<void(const std::string& body, const std::string& url)>;

// Fetches from `first_url` on; returns the number of pages handed to
// `sink`. Errors name the URL: the client's own, a status other than 200
// (with the start of the body, where APIs say why), a page that is not
// JSON, `next`'s, or a next URL that repeats the current one.
absl::StatusOr<int> FetchPages(HttpClient& client, std::string first_url,
                               NextPage next, PageSink sink);

// "a=1&b=x%3Ay": names and values percent-encoded (RFC 3986), in order.
std::string QueryString(
    const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_PAGED_FETCH_H_
