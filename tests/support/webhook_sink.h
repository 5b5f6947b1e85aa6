// WebhookSink: a tiny HTTP/1.1 server on 127.0.0.1 and a free port, on plain
// sockets in a thread of the test's own process, that records every request
// it receives (a Slack incoming webhook's stand-in) and answers each with
// the status the test last set. One request per connection, answered with
// "Connection: close".
//
// Thread-safe: the test may read and set it while its thread serves.
#ifndef TEAMLOAD_TESTS_SUPPORT_WEBHOOK_SINK_H_
#define TEAMLOAD_TESTS_SUPPORT_WEBHOOK_SINK_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace teamload::testing {

struct ReceivedRequest {
  std::string method;        // "POST"
  std::string target;        // "/services/T000/B000/secret"
  std::string content_type;  // the Content-Type header
  std::string body;
};

class WebhookSink {
 public:
  // Listens at once; aborts the test if it cannot.
  WebhookSink();
  ~WebhookSink();  // stops serving
  WebhookSink(const WebhookSink&) = delete;
  WebhookSink& operator=(const WebhookSink&) = delete;

  // "http://127.0.0.1:PORT"
  const std::string& base_url() const { return base_url_; }

  // How later requests are answered: `status` with `body` (default 200
  // "ok", as Slack answers), after `delay` (to let a client time out).
  void Answer(int status, std::string body = "ok",
              std::chrono::milliseconds delay = std::chrono::milliseconds(0));

  // Every request received so far, in order.
  std::vector<ReceivedRequest> Received() const;
  // Waits up to `timeout` for at least `n` requests; whether they came.
  bool WaitFor(std::size_t n,
               std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  void Serve();
  void Handle(int fd);

  int listen_fd_ = -1;
  std::string base_url_;
  std::thread thread_;

  mutable std::mutex mu_;
  std::condition_variable received_cv_;
  std::vector<ReceivedRequest> received_;  // guarded by mu_
  int status_ = 200;                       // guarded by mu_
  std::string answer_ = "ok";              // guarded by mu_
  std::chrono::milliseconds delay_{0};     // guarded by mu_
  bool stopping_ = false;                  // guarded by mu_
};

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_WEBHOOK_SINK_H_
