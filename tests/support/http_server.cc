#include "tests/support/http_server.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace teamload::testing {

std::string HttpServerScript() { return TEAMLOAD_HTTP_SERVER_SCRIPT; }

HttpServer::HttpServer(std::filesystem::path dir, std::filesystem::path pages,
                       std::string authorization)
    : pages_(std::move(pages)),
      authorization_(std::move(authorization)),
      out_path_(dir / "http_server.out"),
      err_path_(dir / "http_server.err"),
      log_path_(dir / "http_server.log") {}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Start() {
  ASSERT_LE(pid_, 0) << "already running";
  std::vector<std::string> argv = {HttpServerScript(), "--pages",
                                   pages_.string(), "--log",
                                   log_path_.string()};
  if (!authorization_.empty()) {
    argv.insert(argv.end(), {"--auth", authorization_});
  }
  const std::size_t out_start = ReadFile(out_path_).size();
  pid_ = Spawn(argv, "/dev/null", out_path_.string(), err_path_.string());
  ASSERT_GT(pid_, 0) << "cannot start " << argv[0];
  constexpr char kListening[] = "listening on ";
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string out = ReadFile(out_path_).substr(out_start);
    if (auto at = out.find(kListening);
        at != std::string::npos && out.find('\n', at) != std::string::npos) {
      const std::size_t begin = at + sizeof(kListening) - 1;
      url_ = "http://" + out.substr(begin, out.find('\n', begin) - begin);
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL() << "http_server.py exited during start:\n" << ReadFile(err_path_);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL() << "http_server.py did not start within 30s:\n" << ReadFile(err_path_);
}

void HttpServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  WaitExit(pid_);
  pid_ = -1;
}

std::vector<ServedRequest> HttpServer::Requests() const {
  std::vector<ServedRequest> requests;
  std::istringstream log(ReadFile(log_path_));
  std::string line;
  while (std::getline(log, line)) {
    std::istringstream fields(line);
    ServedRequest request;
    std::string status, auth_ok;
    std::getline(fields, request.key, '\t');
    std::getline(fields, status, '\t');
    std::getline(fields, auth_ok, '\t');
    std::getline(fields, request.user_agent);
    request.status = std::atoi(status.c_str());
    request.auth_ok = auth_ok == "1";
    requests.push_back(std::move(request));
  }
  return requests;
}

std::map<std::string, std::map<int, int>> HttpServer::Tally() const {
  std::map<std::string, std::map<int, int>> tally;
  for (const ServedRequest& request : Requests()) {
    ++tally[request.key][request.status];
  }
  return tally;
}

}  // namespace teamload::testing
