// HttpEndpoint: the HTTP/1.1 server under /metrics, GNU libmicrohttpd,
// handing every request to one handler. Over TCP on an IPv4 address, or
// over TLS (libmicrohttpd's, on GnuTLS) with the config's certificate and
// key; with tls.client_ca, a client whose certificate that CA did not sign
// for a TLS client (or that shows none) has its connection closed
// unanswered, as the gRPC listener refuses it.
//
// Why not civetweb, which prometheus-cpp serves with: Debian's civetweb
// 1.15 loads OpenSSL at run time and calls SSL_get_peer_certificate, which
// OpenSSL 3 no longer exports, on every TLS connection: a call through a
// null pointer, and the daemon dies at the first HTTPS scrape.
//
// Bounded: kMaxConnections open at once (more wait in the kernel's backlog),
// kMemoryPerConnection for a request's head (a larger one is answered 431),
// `timeout` of silence before a connection is closed, and `threads`
// threads polling every connection (a slow client holds no thread).
//
// Thread-safe. Start returns a serving endpoint; the handler runs on its
// threads, several at once, and must be thread-safe and outlive the
// endpoint. Destruction closes every connection and joins the threads.
#ifndef TEAMLOAD_DAEMON_METRICS_HTTP_ENDPOINT_H_
#define TEAMLOAD_DAEMON_METRICS_HTTP_ENDPOINT_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"

struct MHD_Daemon;

namespace teamload::metrics {

namespace internal {
struct Serving;  // what the endpoint's threads read; http_endpoint.cc
}  // namespace internal

class HttpEndpoint {
 public:
  static constexpr unsigned int kMaxConnections = 32;
  static constexpr std::size_t kMemoryPerConnection = 32 * 1024;

  struct Request {
    std::string method;  // "GET"
    std::string path;    // "/metrics", without the query
    // Header names in lower case, values trimmed, in arrival order.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string peer;  // "ipv4:10.0.0.9:41000", as gRPC names peers

    // The first header named `lower_case_name`; "" when absent.
    absl::string_view Header(absl::string_view lower_case_name) const;
  };
  struct Response {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    // More headers: name, value.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
  };
  using Handler = std::function<Response(const Request&)>;

  struct Options {
    std::string address;                   // IPV4:PORT; port 0 picks a free one
    std::optional<config::TlsConfig> tls;  // unset: plain HTTP
    int threads = 2;
    absl::Duration timeout = absl::Seconds(10);  // whole seconds, at least 1
  };

  // UNAVAILABLE naming the address and the reason when it cannot listen
  // there; INVALID_ARGUMENT when it is no IPV4:PORT; FAILED_PRECONDITION
  // naming the file when a certificate or key cannot be used, or when
  // libmicrohttpd was built without TLS and `tls` is set.
  static absl::StatusOr<std::unique_ptr<HttpEndpoint>> Start(
      const Options& options, Handler handler);

  ~HttpEndpoint();
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  // The address bound, e.g. "127.0.0.1:41237".
  const std::string& address() const { return address_; }

 private:
  HttpEndpoint();

  // Constant after Start. serving_ outlives daemon_, whose threads read it.
  std::unique_ptr<internal::Serving> serving_;
  MHD_Daemon* daemon_ = nullptr;  // owned
  std::string address_;
};

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_HTTP_ENDPOINT_H_
