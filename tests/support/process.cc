#include "tests/support/process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"

extern char** environ;

namespace teamload::testing {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool WaitFor(const std::function<bool()>& done) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

pid_t Spawn(const std::vector<std::string>& argv, const std::string& in_path,
            const std::string& out_path, const std::string& err_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc =
      posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {

// Sends `signal` to a running child and reaps it; -1 if none was running.
int SignalAndWait(pid_t& pid, int signal) {
  if (pid <= 0) return -1;
  kill(pid, signal);
  const int code = WaitExit(pid);
  pid = -1;
  return code;
}

}  // namespace

std::string TeamloaddPath() { return TEAMLOADD_PATH; }
std::string TeamloadctlPath() { return TEAMLOADCTL_PATH; }

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "teamload-test-XXXXXX")
          .string();
  path_ = mkdtemp(pattern.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ProcessResult Run(const std::vector<std::string>& argv,
                  const std::string& input) {
  TempDir dir;
  const auto in = dir.path() / "stdin", out = dir.path() / "stdout",
             err = dir.path() / "stderr";
  std::ofstream(in, std::ios::binary) << input;
  const pid_t pid = Spawn(argv, in, out, err);
  EXPECT_GT(pid, 0) << "cannot start " << argv[0];
  ProcessResult result;
  if (pid > 0) result.exit_code = WaitExit(pid);
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  return result;
}

Daemon::Daemon(std::filesystem::path dir, std::string config_rest)
    : dir_(std::move(dir)),
      config_path_(dir_ / "teamload.yaml"),
      log_path_(dir_ / "teamloadd.log") {
  std::ofstream(config_path_)
      << "listen: 127.0.0.1:0\n"
      << "store: sqlite:" << (dir_ / "data/teamload.db").string() << "\n"
      << (config_rest.find("tls:") == std::string::npos
              ? "insecure_local: true\n"
              : "")
      << config_rest;
}

void Daemon::PinAddress() {
  ASSERT_FALSE(address_.empty()) << "not started yet";
  std::string config = ReadFile(config_path_);
  const std::string any_port = "listen: 127.0.0.1:0\n";
  const auto at = config.find(any_port);
  ASSERT_NE(at, std::string::npos) << config;
  config.replace(at, any_port.size(), "listen: " + address_ + "\n");
  std::ofstream(config_path_) << config;
}

Daemon::~Daemon() {
  if (pid_ > 0) Kill();
}

void Daemon::Start() {
  ASSERT_LE(pid_, 0) << "already running";
  const std::size_t log_start = ReadFile(log_path_).size();
  pid_ = Spawn({TeamloaddPath(), "--config", config_path_.string()},
               "/dev/null", "/dev/null", log_path_.string());
  ASSERT_GT(pid_, 0);
  constexpr char kServing[] = "serving gRPC on ";
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string log = ReadFile(log_path_).substr(log_start);
    if (auto at = log.find(kServing); at != std::string::npos) {
      const std::size_t begin = at + sizeof(kServing) - 1;
      address_ = log.substr(begin, log.find_first_of(" \n", begin) - begin);
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL() << "teamloadd exited during start:\n" << log;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL() << "teamloadd did not start within 30s:\n" << Log();
}

int Daemon::Stop() { return SignalAndWait(pid_, SIGTERM); }

void Daemon::Kill() { SignalAndWait(pid_, SIGKILL); }

std::string Daemon::Log() const { return ReadFile(log_path_); }

std::string Daemon::MetricsAddress() const {
  constexpr char kServing[] = "serving metrics on ";
  const std::string log = Log();
  const std::size_t at = log.rfind(kServing);
  if (at == std::string::npos) return "";
  const std::size_t begin = at + sizeof(kServing) - 1;
  return log.substr(begin, log.find('\n', begin) - begin);
}

Process::Process(std::vector<std::string> argv, std::filesystem::path log_path)
    : argv_(std::move(argv)), log_path_(std::move(log_path)) {}

Process::~Process() { SignalAndWait(pid_, SIGKILL); }

void Process::Start() {
  ASSERT_LE(pid_, 0) << "already running";
  pid_ = Spawn(argv_, "/dev/null", log_path_.string(), log_path_.string());
  ASSERT_GT(pid_, 0) << "cannot start " << argv_[0];
}

int Process::Stop() { return SignalAndWait(pid_, SIGTERM); }

std::string Process::Log() const { return ReadFile(log_path_); }

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t size = sizeof(addr);
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

}  // namespace teamload::testing
