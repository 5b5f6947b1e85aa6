// A plain HTTP GET for end-to-end tests (libcurl): the daemon's /metrics, a
// Prometheus server's API.
#ifndef TEAMLOAD_TESTS_SUPPORT_HTTP_H_
#define TEAMLOAD_TESTS_SUPPORT_HTTP_H_

#include <string>

namespace teamload::testing {

struct HttpResponse {
  long status = 0;  // 0 when no answer came (connection refused, timeout)
  std::string body;
  std::string content_type;
};

// GETs `url`, waiting at most 10 s.
HttpResponse HttpGet(const std::string& url);

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_HTTP_H_
