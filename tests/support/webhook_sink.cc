#include "tests/support/webhook_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "gtest/gtest.h"

namespace teamload::testing {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The value of header `name` (lower case) in `head`, or "".
std::string Header(const std::string& head, const std::string& name) {
  std::size_t at = 0;
  while ((at = head.find("\r\n", at)) != std::string::npos) {
    at += 2;
    const std::size_t end = head.find("\r\n", at);
    const std::string line = head.substr(
        at, end == std::string::npos ? std::string::npos : end - at);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos && Lower(line.substr(0, colon)) == name) {
      std::size_t start = colon + 1;
      while (start < line.size() && line[start] == ' ') ++start;
      return line.substr(start);
    }
  }
  return "";
}

bool SendAll(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n =
        send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

WebhookSink::WebhookSink() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) {
    ADD_FAILURE() << "socket: " << std::strerror(errno);
    std::abort();
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      listen(listen_fd_, 16) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ADD_FAILURE() << "cannot listen on 127.0.0.1: " << std::strerror(errno);
    std::abort();
  }
  base_url_ = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  thread_ = std::thread([this] { Serve(); });
}

WebhookSink::~WebhookSink() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  thread_.join();
  close(listen_fd_);
}

void WebhookSink::Answer(int status, std::string body,
                         std::chrono::milliseconds delay) {
  std::lock_guard<std::mutex> lock(mu_);
  status_ = status;
  answer_ = std::move(body);
  delay_ = delay;
}

std::vector<ReceivedRequest> WebhookSink::Received() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

bool WebhookSink::WaitFor(std::size_t n, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  return received_cv_.wait_for(lock, timeout,
                               [&] { return received_.size() >= n; });
}

void WebhookSink::Serve() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    pollfd ready{.fd = listen_fd_, .events = POLLIN, .revents = 0};
    if (poll(&ready, 1, 20) <= 0) continue;
    const int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    Handle(fd);
    close(fd);
  }
}

void WebhookSink::Handle(int fd) {
  timeval limit{.tv_sec = 5, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
  std::string data;
  char buffer[4096];
  std::size_t head_end;
  while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
    const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) return;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  const std::string head = data.substr(0, head_end);
  std::string body = data.substr(head_end + 4);
  if (Lower(Header(head, "expect")) == "100-continue" &&
      !SendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n")) {
    return;
  }
  const std::size_t length =
      std::strtoul(Header(head, "content-length").c_str(), nullptr, 10);
  while (body.size() < length) {
    const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) return;
    body.append(buffer, static_cast<std::size_t>(n));
  }
  ReceivedRequest request;
  const std::string first_line = head.substr(0, head.find("\r\n"));
  const std::size_t space = first_line.find(' ');
  request.method = first_line.substr(0, space);
  request.target =
      first_line.substr(space + 1, first_line.rfind(' ') - space - 1);
  request.content_type = Header(head, "content-type");
  request.body = std::move(body);

  int status;
  std::string answer;
  std::chrono::milliseconds delay;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Recorded first: a client that has its answer finds it recorded.
    received_.push_back(std::move(request));
    status = status_;
    answer = answer_;
    delay = delay_;
  }
  received_cv_.notify_all();
  const auto until = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < until) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  SendAll(fd, "HTTP/1.1 " + std::to_string(status) +
                  " Answer\r\nContent-Type: text/plain\r\nContent-Length: " +
                  std::to_string(answer.size()) +
                  "\r\nConnection: close\r\n\r\n" + answer);
}

}  // namespace teamload::testing
