#include "daemon/metrics/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "daemon/metrics/tls_context.h"

namespace teamload::metrics {
namespace {

constexpr int kBacklog = 64;

absl::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Error";
  }
}

absl::StatusOr<sockaddr_in> ParseIpv4(absl::string_view address) {
  const std::size_t colon = address.rfind(':');
  sockaddr_in parsed{};
  parsed.sin_family = AF_INET;
  uint32_t port = 0;
  const std::string host(address.substr(0, colon));
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port > 65535 ||
      inet_pton(AF_INET, host.c_str(), &parsed.sin_addr) != 1) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "cannot serve metrics on %s: not an IPV4:PORT address", address));
  }
  parsed.sin_port = htons(static_cast<uint16_t>(port));
  return parsed;
}

std::string PeerName(int socket) {
  sockaddr_in peer{};
  socklen_t size = sizeof(peer);
  char host[INET_ADDRSTRLEN] = "?";
  if (getpeername(socket, reinterpret_cast<sockaddr*>(&peer), &size) == 0) {
    inet_ntop(AF_INET, &peer.sin_addr, host, sizeof(host));
  }
  return absl::StrCat("ipv4:", host, ":", ntohs(peer.sin_port));
}

// One connection's byte stream, plain or TLS.
class Stream {
 public:
  Stream(int socket, ssl_st* tls) : socket_(socket), tls_(tls) {}
  ~Stream() {
    if (tls_ != nullptr) {
      SSL_shutdown(tls_);  // our close_notify; the client's is not awaited
      SSL_free(tls_);
    }
  }
  // Bytes read (> 0), or <= 0 at the end, on an error or a timeout.
  int Read(char* buffer, int size) {
    if (tls_ != nullptr) return SSL_read(tls_, buffer, size);
    return static_cast<int>(recv(socket_, buffer, size, 0));
  }
  bool Write(absl::string_view bytes) {
    while (!bytes.empty()) {
      const int chunk =
          static_cast<int>(std::min<std::size_t>(bytes.size(), 1 << 30));
      const long written =
          tls_ != nullptr ? SSL_write(tls_, bytes.data(), chunk)
                          : send(socket_, bytes.data(), chunk, MSG_NOSIGNAL);
      if (written <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
  }

 private:
  const int socket_;
  ssl_st* const tls_;
};

// The request in `head` (up to its blank line); nullopt when it is not
// HTTP/1.x.
std::optional<HttpServer::Request> ParseHead(absl::string_view head) {
  std::vector<absl::string_view> lines = absl::StrSplit(head, "\r\n");
  if (lines.empty()) return std::nullopt;
  const std::vector<absl::string_view> start =
      absl::StrSplit(lines[0], absl::MaxSplits(' ', 2));
  if (start.size() != 3 || start[0].empty() ||
      !absl::StartsWith(start[1], "/") ||
      !absl::StartsWith(start[2], "HTTP/1.")) {
    return std::nullopt;
  }
  HttpServer::Request request;
  request.method = std::string(start[0]);
  request.path = std::string(start[1].substr(0, start[1].find('?')));
  for (std::size_t i = 1; i < lines.size() && !lines[i].empty(); ++i) {
    const std::size_t colon = lines[i].find(':');
    if (colon == absl::string_view::npos || colon == 0 ||
        absl::ascii_isspace(static_cast<unsigned char>(lines[i][0]))) {
      return std::nullopt;
    }
    request.headers.emplace_back(
        absl::AsciiStrToLower(lines[i].substr(0, colon)),
        std::string(absl::StripAsciiWhitespace(lines[i].substr(colon + 1))));
  }
  return request;
}

void Answer(Stream& stream, const HttpServer::Response& response) {
  std::string head = absl::StrFormat(
      "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n",
      response.status, ReasonPhrase(response.status), response.content_type,
      response.body.size());
  for (const std::string& header : response.headers) {
    absl::StrAppend(&head, header, "\r\n");
  }
  head += "Connection: close\r\n\r\n";
  if (stream.Write(head)) stream.Write(response.body);
}

HttpServer::Response Refusal(int status, absl::string_view why) {
  return {.status = status, .body = absl::StrCat(why, "\n")};
}

}  // namespace

absl::string_view HttpServer::Request::Header(
    absl::string_view lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name) return value;
  }
  return "";
}

HttpServer::HttpServer(const Options& options, Handler handler)
    : options_(options), handler_(std::move(handler)) {}

HttpServer::~HttpServer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    for (int socket : connections_) shutdown(socket, SHUT_RDWR);
  }
  if (wake_ >= 0) {
    const uint64_t one = 1;
    (void)!write(wake_, &one, sizeof(one));
  }
  for (std::thread& thread : threads_) thread.join();
  if (listener_ >= 0) close(listener_);
  if (wake_ >= 0) close(wake_);
  if (tls_ != nullptr) SSL_CTX_free(tls_);
}

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(
    const Options& options, Handler handler) {
  // A client that hangs up mid-answer must not end the process.
  static std::once_flag ignore_sigpipe;
  std::call_once(ignore_sigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });

  absl::StatusOr<sockaddr_in> bind_to = ParseIpv4(options.address);
  if (!bind_to.ok()) return bind_to.status();
  std::unique_ptr<HttpServer> server(
      new HttpServer(options, std::move(handler)));
  if (options.tls.has_value()) {
    server->tls_ = SSL_CTX_new(TLS_server_method());
    if (server->tls_ == nullptr) {
      return absl::InternalError("OpenSSL cannot make a TLS context");
    }
    if (absl::Status s = ConfigureTls(server->tls_, *options.tls); !s.ok()) {
      return s;
    }
  }
  server->listener_ =
      socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  const int reuse = 1;
  setsockopt(server->listener_, SOL_SOCKET, SO_REUSEADDR, &reuse,
             sizeof(reuse));
  sockaddr_in bound = *bind_to;
  socklen_t size = sizeof(bound);
  if (server->listener_ < 0 ||
      bind(server->listener_, reinterpret_cast<const sockaddr*>(&*bind_to),
           sizeof(*bind_to)) != 0 ||
      listen(server->listener_, kBacklog) != 0 ||
      getsockname(server->listener_, reinterpret_cast<sockaddr*>(&bound),
                  &size) != 0) {
    return absl::UnavailableError(absl::StrFormat(
        "cannot serve metrics on %s (is the address in use, or not an "
        "address of this machine?): %s",
        options.address, strerror(errno)));
  }
  server->wake_ = eventfd(0, EFD_CLOEXEC);
  if (server->wake_ < 0) return absl::InternalError("no eventfd");
  server->address_ =
      absl::StrCat(options.address.substr(0, options.address.rfind(':')), ":",
                   ntohs(bound.sin_port));
  for (int i = 0; i < options.threads; ++i) {
    server->threads_.emplace_back([s = server.get()] { s->Work(); });
  }
  return server;
}

bool HttpServer::Track(int socket) {
  absl::MutexLock lock(&mu_);
  if (stopping_) return false;
  connections_.insert(socket);
  return true;
}

void HttpServer::Untrack(int socket) {
  absl::MutexLock lock(&mu_);
  connections_.erase(socket);
}

void HttpServer::Work() {
  pollfd waiting[2] = {{.fd = listener_, .events = POLLIN},
                       {.fd = wake_, .events = POLLIN}};
  while (true) {
    if (poll(waiting, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (waiting[1].revents != 0) return;  // stopping
    // Another thread may have taken the connection, or the client left.
    const int socket = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (socket < 0) continue;
    if (Track(socket)) {
      Serve(socket);
      Untrack(socket);
    }
    close(socket);
  }
}

void HttpServer::Serve(int socket) {
  const timeval timeout = absl::ToTimeval(options_.timeout);
  setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  ssl_st* tls = nullptr;
  if (tls_ != nullptr) {
    tls = SSL_new(tls_);
    if (tls == nullptr) return;
    SSL_set_fd(tls, socket);
    if (SSL_accept(tls) != 1) {  // no TLS, an untrusted client, a timeout
      SSL_free(tls);
      return;
    }
  }
  Stream stream(socket, tls);
  // The whole head within the timeout, however slowly it trickles in.
  const auto deadline = std::chrono::steady_clock::now() +
                        absl::ToChronoNanoseconds(options_.timeout);
  std::string head;
  char buffer[4096];
  std::size_t end = std::string::npos;
  while ((end = head.find("\r\n\r\n")) == std::string::npos &&
         head.size() <= kMaxRequestHead) {
    const int read = stream.Read(buffer, sizeof(buffer));
    if (read <= 0 || std::chrono::steady_clock::now() > deadline) return;
    head.append(buffer, static_cast<std::size_t>(read));
  }
  if (end == std::string::npos || end > kMaxRequestHead) {
    Answer(stream, Refusal(431, "the request's head is too large"));
    return;
  }
  std::optional<Request> request =
      ParseHead(absl::string_view(head).substr(0, end));
  if (!request.has_value()) {
    Answer(stream, Refusal(400, "not an HTTP/1.x request"));
    return;
  }
  request->peer = PeerName(socket);
  Answer(stream, handler_(*request));
}

}  // namespace teamload::metrics
