#include "daemon/metrics/http_endpoint.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/http.h"
#include "tests/support/process.h"
#include "tests/support/tls.h"

namespace teamload::metrics {
namespace {

using ::testing::EndsWith;
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

  void Send(const std::string& request) {
    EXPECT_EQ(send(socket_, request.data(), request.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(request.size()));
  }
  // Reads until the server closes.
  std::string ReadToEnd() {
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = recv(socket_, buffer, sizeof(buffer), 0)) > 0;) {
      answer.append(buffer, static_cast<std::size_t>(n));
    }
    return answer;
  }
  std::string Exchange(const std::string& request) {
    Send(request);
    return ReadToEnd();
  }

  // Whether the server wrote or closed within `wait`.
  bool Answered(std::chrono::milliseconds wait) {
    pollfd readable{.fd = socket_, .events = POLLIN};
    return poll(&readable, 1, static_cast<int>(wait.count())) > 0;
  }

 private:
  int socket_ = -1;
};

HttpEndpoint::Response Fine(const HttpEndpoint::Request&) {
  return {.body = "fine"};
}

std::unique_ptr<HttpEndpoint> Serve(HttpEndpoint::Handler handler,
                                    HttpEndpoint::Options options = {}) {
  options.address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<HttpEndpoint>> endpoint =
      HttpEndpoint::Start(options, std::move(handler));
  EXPECT_TRUE(endpoint.ok()) << endpoint.status();
  return endpoint.ok() ? *std::move(endpoint) : nullptr;
}

TEST(HttpEndpointTest, AnswersWithTheHandlersResponse) {
  HttpEndpoint::Request seen;
  auto endpoint = Serve([&](const HttpEndpoint::Request& request) {
    seen = request;
    return HttpEndpoint::Response{.status = 401,
                                  .headers = {{"WWW-Authenticate", "Basic"}},
                                  .body = "no"};
  });
  ASSERT_NE(endpoint, nullptr);
  EXPECT_THAT(endpoint->address(), StartsWith("127.0.0.1:"));
  const std::string answer =
      Client(endpoint->address())
          .Exchange(
              "GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n"
              "Authorization:  Bearer t \r\nConnection: close\r\n\r\n");
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 401 Unauthorized\r\n"));
  EXPECT_THAT(answer, HasSubstr("\r\nContent-Type: text/plain; "
                                "charset=utf-8\r\n"));
  EXPECT_THAT(answer, HasSubstr("\r\nContent-Length: 2\r\n"));
  EXPECT_THAT(answer, HasSubstr("\r\nWWW-Authenticate: Basic\r\n"));
  EXPECT_THAT(answer, EndsWith("\r\n\r\nno"));
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path, "/metrics");
  EXPECT_EQ(seen.Header("authorization"), "Bearer t");
  EXPECT_EQ(seen.Header("host"), "a");
  EXPECT_EQ(seen.Header("accept"), "");
  EXPECT_THAT(seen.peer, StartsWith("ipv4:127.0.0.1:"));
}

TEST(HttpEndpointTest, KeepsAConnectionForTheNextRequest) {
  std::atomic<int> calls = 0;
  auto endpoint = Serve([&](const HttpEndpoint::Request&) {
    ++calls;
    return HttpEndpoint::Response{.body = "fine"};
  });
  ASSERT_NE(endpoint, nullptr);
  const std::string answers =
      Client(endpoint->address())
          .Exchange(
              "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n"
              "GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  EXPECT_THAT(answers, HasSubstr("\r\n\r\nfineHTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(calls, 2);
}

TEST(HttpEndpointTest, RefusesWhatIsNotAnHttpRequest) {
  std::atomic<int> calls = 0;
  auto endpoint = Serve([&](const HttpEndpoint::Request&) {
    ++calls;
    return HttpEndpoint::Response{};
  });
  ASSERT_NE(endpoint, nullptr);
  EXPECT_EQ(Client(endpoint->address()).Exchange("hello\r\n\r\n"), "");
  EXPECT_THAT(Client(endpoint->address())
                  .Exchange("GET / HTTP/1.1\r\nHost: a\r\nno colon\r\n\r\n"),
              StartsWith("HTTP/1.1 400 Bad Request\r\n"));
  EXPECT_THAT(Client(endpoint->address()).Exchange("GET / HTTP/2.0\r\n\r\n"),
              StartsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n"));
  const std::string huge = absl::StrCat(
      "GET / HTTP/1.1\r\nHost: a\r\nX: ",
      std::string(HttpEndpoint::kMemoryPerConnection, 'x'), "\r\n\r\n");
  EXPECT_THAT(Client(endpoint->address()).Exchange(huge),
              StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
  EXPECT_EQ(calls, 0);
}

TEST(HttpEndpointTest, ASilentClientTimesOutWithoutHoldingUpOthers) {
  auto endpoint = Serve(&Fine, {.threads = 1, .timeout = absl::Seconds(1)});
  ASSERT_NE(endpoint, nullptr);
  Client silent(endpoint->address());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THAT(Client(endpoint->address()).Exchange("GET / HTTP/1.0\r\n\r\n"),
              HasSubstr("\r\n\r\nfine"));
  EXPECT_LT(std::chrono::steady_clock::now() - started,
            std::chrono::milliseconds(500));
  EXPECT_EQ(silent.Exchange(""), "");  // closed after the timeout
}

TEST(HttpEndpointTest, MoreConnectionsThanTheLimitWaitTheirTurn) {
  auto endpoint = Serve(&Fine);
  ASSERT_NE(endpoint, nullptr);
  std::vector<std::unique_ptr<Client>> silent;
  for (unsigned int i = 0; i < HttpEndpoint::kMaxConnections; ++i) {
    silent.push_back(std::make_unique<Client>(endpoint->address()));
  }
  Client waiting(endpoint->address());
  waiting.Send("GET / HTTP/1.0\r\n\r\n");
  EXPECT_FALSE(waiting.Answered(std::chrono::milliseconds(300)));
  silent.clear();
  EXPECT_THAT(waiting.ReadToEnd(), HasSubstr("\r\n\r\nfine"));
}

TEST(HttpEndpointTest, StopsAtOnceWithClientsConnected) {
  auto endpoint = Serve(&Fine);
  ASSERT_NE(endpoint, nullptr);
  Client silent(endpoint->address());
  Client another(endpoint->address());
  usleep(50'000);  // both accepted
  const auto started = std::chrono::steady_clock::now();
  endpoint.reset();  // does not wait for the 10 s timeout
  EXPECT_LT(std::chrono::steady_clock::now() - started,
            std::chrono::seconds(1));
  EXPECT_EQ(silent.Exchange(""), "");
}

TEST(HttpEndpointTest, SaysWhyItCannotListen) {
  auto taken = Serve(&Fine);
  ASSERT_NE(taken, nullptr);
  const absl::Status in_use =
      HttpEndpoint::Start({.address = taken->address()}, &Fine).status();
  EXPECT_EQ(in_use.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(
      in_use.message(),
      HasSubstr(absl::StrCat("cannot serve metrics on ", taken->address())));
  EXPECT_THAT(in_use.message(), HasSubstr("Address already in use"));
  const absl::Status not_ipv4 =
      HttpEndpoint::Start({.address = "localhost:80"}, &Fine).status();
  EXPECT_EQ(not_ipv4.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(not_ipv4.message(), HasSubstr("not an IPV4:PORT address"));
}

// Over TLS with the test PKI: the server's certificate for 127.0.0.1 and,
// with a client CA, a client certificate it signed.
class HttpEndpointTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::MakeTestPki(dir_.path(), pki_));
  }

  std::unique_ptr<HttpEndpoint> ServeTls(bool client_ca) {
    config::TlsConfig tls{.cert = pki_.server_cert.string(),
                          .key = pki_.server_key.string()};
    if (client_ca) tls.client_ca = pki_.client_ca_cert.string();
    return Serve(
        [this](const HttpEndpoint::Request& request) {
          ++calls_;
          return HttpEndpoint::Response{.body = request.peer};
        },
        {.tls = tls});
  }
  testing::HttpRequest Get(const HttpEndpoint& endpoint,
                           absl::string_view scheme = "https") const {
    const std::string port =
        endpoint.address().substr(endpoint.address().rfind(':') + 1);
    return {.url = absl::StrCat(scheme, "://127.0.0.1:", port, "/metrics"),
            .ca_file = pki_.ca_cert.string()};
  }

  testing::TempDir dir_;
  testing::TestPki pki_;
  std::atomic<int> calls_ = 0;
};

TEST_F(HttpEndpointTlsTest, ServesTlsOnly) {
  auto endpoint = ServeTls(/*client_ca=*/false);
  ASSERT_NE(endpoint, nullptr);
  const testing::HttpResponse answer = testing::HttpGet(Get(*endpoint));
  EXPECT_EQ(answer.status, 200) << answer.error;
  EXPECT_THAT(answer.body, StartsWith("ipv4:127.0.0.1:"));
  EXPECT_EQ(testing::HttpGet(Get(*endpoint, "http")).status, 0);
  EXPECT_EQ(calls_, 1);
}

TEST_F(HttpEndpointTlsTest, WithAClientCaOnlyItsClientsAreAnswered) {
  auto endpoint = ServeTls(/*client_ca=*/true);
  ASSERT_NE(endpoint, nullptr);
  const testing::HttpResponse without = testing::HttpGet(Get(*endpoint));
  EXPECT_EQ(without.status, 0) << without.body;
  testing::HttpRequest wrong = Get(*endpoint);  // another CA's certificate
  wrong.client_cert = pki_.server_cert.string();
  wrong.client_key = pki_.server_key.string();
  EXPECT_EQ(testing::HttpGet(wrong).status, 0);
  EXPECT_EQ(calls_, 0);

  testing::HttpRequest with = Get(*endpoint);
  with.client_cert = pki_.client_cert.string();
  with.client_key = pki_.client_key.string();
  const testing::HttpResponse answer = testing::HttpGet(with);
  EXPECT_EQ(answer.status, 200) << answer.error;
  EXPECT_EQ(calls_, 1);
}

}  // namespace
}  // namespace teamload::metrics
