// HttpServer: the small HTTP/1.1 server under /metrics. One request per
// connection (answered with "Connection: close"), over TCP on an IPv4
// address or over TLS (tls_context.h). Bounded: `threads` connections are
// served at once (more wait in the kernel's backlog), a request's head is
// at most kMaxRequestHead bytes, and a client gets `timeout` for its TLS
// handshake, for its request and for each write of the answer.
//
// Why not civetweb, which prometheus-cpp serves with: Debian's civetweb
// 1.15 loads OpenSSL at run time and calls SSL_get_peer_certificate, which
// OpenSSL 3 no longer exports, on every TLS connection: a call through a
// null pointer, and the daemon dies at the first HTTPS scrape.
//
// Thread-safe. Start returns a serving server; the handler runs on its
// threads, several at once, and must be thread-safe and outlive the server.
// Destruction stops accepting, cuts the connections in progress and joins
// the threads.
#ifndef TEAMLOAD_DAEMON_METRICS_HTTP_SERVER_H_
#define TEAMLOAD_DAEMON_METRICS_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"

struct ssl_ctx_st;

namespace teamload::metrics {

class HttpServer {
 public:
  static constexpr std::size_t kMaxRequestHead = 16 * 1024;

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
    std::vector<std::string> headers;  // more header lines, "Name: value"
    std::string body;
  };
  using Handler = std::function<Response(const Request&)>;

  struct Options {
    std::string address;                   // IPV4:PORT; port 0 picks a free one
    std::optional<config::TlsConfig> tls;  // unset: plain HTTP
    int threads = 2;
    absl::Duration timeout = absl::Seconds(10);
  };

  // UNAVAILABLE naming the address when it cannot listen there;
  // INVALID_ARGUMENT when it is no IPV4:PORT; FAILED_PRECONDITION naming
  // the file when a certificate or key cannot be used.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(
      const Options& options, Handler handler);

  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The address bound, e.g. "127.0.0.1:41237".
  const std::string& address() const { return address_; }

 private:
  HttpServer(const Options& options, Handler handler);

  void Work();             // one thread: accept and serve, until stopped
  void Serve(int socket);  // one connection
  bool Track(int socket);  // false once stopping
  void Untrack(int socket);

  // Constant after construction.
  const Options options_;
  const Handler handler_;
  ssl_ctx_st* tls_ = nullptr;  // owned; null for plain HTTP
  int listener_ = -1;          // owned
  int wake_ = -1;              // owned eventfd, readable once stopping
  std::string address_;
  std::vector<std::thread> threads_;

  // State below is protected by mu_.
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_set<int> connections_ ABSL_GUARDED_BY(mu_);
};

}  // namespace teamload::metrics

#endif  // TEAMLOAD_DAEMON_METRICS_HTTP_SERVER_H_
