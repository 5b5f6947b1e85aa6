// HttpServer: tests/support/http_server.py in a child process, serving
// recorded API pages on a free loopback port (see the script for the
// routes.json format), so live collector modes and the HTTP client are
// tested against a real server.
//
// Not thread-safe: one test thread drives it.
#ifndef TEAMLOAD_TESTS_SUPPORT_HTTP_SERVER_H_
#define TEAMLOAD_TESTS_SUPPORT_HTTP_SERVER_H_

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace teamload::testing {

// One request the server answered, from its log.
struct ServedRequest {
  std::string key;  // "GET /incidents?limit=2&offset=0"
  int status = 0;
  bool auth_ok = false;
  std::string user_agent;
};

class HttpServer {
 public:
  // Serves `pages` (a folder with routes.json); requires the Authorization
  // header to be `authorization` unless it is empty. Logs go to `dir`.
  HttpServer(std::filesystem::path dir, std::filesystem::path pages,
             std::string authorization = "");
  ~HttpServer();  // stops it if running

  // Starts it and waits until it listens; aborts the test on failure.
  void Start();
  void Stop();

  // "http://127.0.0.1:PORT"
  const std::string& url() const { return url_; }
  // Every request answered so far, in order.
  std::vector<ServedRequest> Requests() const;
  // How often each key was answered with each status: {"GET /x": {200: 1}}.
  std::map<std::string, std::map<int, int>> Tally() const;

 private:
  std::filesystem::path pages_;
  std::string authorization_;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  std::string url_;
};

// The path of tests/support/http_server.py, set by CMake.
std::string HttpServerScript();

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_HTTP_SERVER_H_
