// A plain HTTP(S) GET for end-to-end tests (libcurl): the daemon's /metrics,
// a Prometheus server's API.
#ifndef TEAMLOAD_TESTS_SUPPORT_HTTP_H_
#define TEAMLOAD_TESTS_SUPPORT_HTTP_H_

#include <string>
#include <vector>

namespace teamload::testing {

struct HttpResponse {
  long status = 0;    // 0 when no answer came (refused, TLS failed, timeout)
  std::string error;  // libcurl's reason when status is 0
  std::string body;
  std::string content_type;
  std::string www_authenticate;  // the header of a 401
};

// A GET with what a scraper may add.
struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string basic_auth;            // "USER:PASSWORD"; empty: none
  std::string ca_file;               // https: the CA to trust (PEM)
  std::string client_cert;           // https: a client certificate (PEM)
  std::string client_key;
};

// GETs `url`, waiting at most 10 s.
HttpResponse HttpGet(const std::string& url);
HttpResponse HttpGet(const HttpRequest& request);

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_HTTP_H_
