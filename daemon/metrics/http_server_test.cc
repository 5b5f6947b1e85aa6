#include "daemon/metrics/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// A connected client socket to `address` (IPV4:PORT); closed with it.
class Client {
 public:
  explicit Client(const std::string& address) {
    const std::size_t colon = address.rfind(':');
    int port = 0;
    EXPECT_TRUE(absl::SimpleAtoi(address.substr(colon + 1), &port));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, address.substr(0, colon).c_str(), &to.sin_addr);
    socket_ = socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_EQ(connect(socket_, reinterpret_cast<sockaddr*>(&to), sizeof(to)),
              0);
  }
  ~Client() { close(socket_); }

  // Sends `request` and reads until the server closes.
  std::string Exchange(const std::string& request) {
    EXPECT_EQ(send(socket_, request.data(), request.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(request.size()));
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = recv(socket_, buffer, sizeof(buffer), 0)) > 0;) {
      answer.append(buffer, static_cast<std::size_t>(n));
    }
    return answer;
  }

 private:
  int socket_ = -1;
};

std::unique_ptr<HttpServer> Serve(HttpServer::Handler handler,
                                  absl::Duration timeout = absl::Seconds(10)) {
  absl::StatusOr<std::unique_ptr<HttpServer>> server = HttpServer::Start(
      {.address = "127.0.0.1:0", .timeout = timeout}, std::move(handler));
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? *std::move(server) : nullptr;
}

TEST(HttpServerTest, AnswersWithTheHandlersResponseAndCloses) {
  HttpServer::Request seen;
  auto server = Serve([&](const HttpServer::Request& request) {
    seen = request;
    return HttpServer::Response{
        .status = 401, .headers = {"WWW-Authenticate: Basic"}, .body = "no"};
  });
  ASSERT_NE(server, nullptr);
  EXPECT_THAT(server->address(), StartsWith("127.0.0.1:"));
  EXPECT_EQ(Client(server->address())
                .Exchange("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n"
                          "Authorization:  Bearer t \r\n\r\n"),
            "HTTP/1.1 401 Unauthorized\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Length: 2\r\n"
            "WWW-Authenticate: Basic\r\n"
            "Connection: close\r\n\r\nno");
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path, "/metrics");
  EXPECT_EQ(seen.Header("authorization"), "Bearer t");
  EXPECT_EQ(seen.Header("host"), "a");
  EXPECT_EQ(seen.Header("accept"), "");
  EXPECT_THAT(seen.peer, StartsWith("ipv4:127.0.0.1:"));
}

TEST(HttpServerTest, RefusesWhatIsNotAnHttpRequest) {
  int calls = 0;
  auto server = Serve([&](const HttpServer::Request&) {
    ++calls;
    return HttpServer::Response{};
  });
  ASSERT_NE(server, nullptr);
  for (const char* request :
       {"hello\r\n\r\n", "GET metrics HTTP/1.1\r\n\r\n", "GET / HTTP/2\r\n\r\n",
        "GET / HTTP/1.1\r\nno colon\r\n\r\n",
        "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n"}) {
    SCOPED_TRACE(request);
    EXPECT_THAT(Client(server->address()).Exchange(request),
                StartsWith("HTTP/1.1 400 Bad Request\r\n"));
  }
  const std::string huge = absl::StrCat(
      "GET / HTTP/1.1\r\nX: ", std::string(HttpServer::kMaxRequestHead, 'x'),
      "\r\n\r\n");
  EXPECT_THAT(Client(server->address()).Exchange(huge),
              StartsWith("HTTP/1.1 431 "));
  EXPECT_EQ(calls, 0);
}

TEST(HttpServerTest, ASilentClientTimesOutWithoutHoldingUpOthers) {
  auto server = Serve(
      [](const HttpServer::Request&) {
        return HttpServer::Response{.body = "fine"};
      },
      absl::Milliseconds(300));
  ASSERT_NE(server, nullptr);
  Client silent(server->address());
  EXPECT_THAT(Client(server->address()).Exchange("GET / HTTP/1.0\r\n\r\n"),
              HasSubstr("\r\n\r\nfine"));
  EXPECT_EQ(silent.Exchange(""), "");  // closed after the timeout
}

TEST(HttpServerTest, StopsAtOnceWithAClientConnected) {
  auto server =
      Serve([](const HttpServer::Request&) { return HttpServer::Response{}; });
  ASSERT_NE(server, nullptr);
  Client silent(server->address());
  Client another(server->address());
  usleep(50'000);  // both accepted, each holding a thread
  server.reset();  // does not wait for the 10 s timeout
  EXPECT_EQ(silent.Exchange(""), "");
}

TEST(HttpServerTest, SaysWhyItCannotListen) {
  auto taken =
      Serve([](const HttpServer::Request&) { return HttpServer::Response{}; });
  ASSERT_NE(taken, nullptr);
  const auto handler = [](const HttpServer::Request&) {
    return HttpServer::Response{};
  };
  const absl::Status in_use =
      HttpServer::Start({.address = taken->address()}, handler).status();
  EXPECT_EQ(in_use.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(in_use.message(), HasSubstr("Address already in use"));
  const absl::Status not_ipv4 =
      HttpServer::Start({.address = "localhost:80"}, handler).status();
  EXPECT_EQ(not_ipv4.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(not_ipv4.message(), HasSubstr("not an IPV4:PORT address"));
}

}  // namespace
}  // namespace teamload::metrics
