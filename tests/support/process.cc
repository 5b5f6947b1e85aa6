#include "tests/support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"

extern char** environ;

namespace teamload::testing {
namespace {

// Spawns argv with stdin, stdout and stderr bound to the given files.
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

}  // namespace

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
      address_ = log.substr(begin, log.find('\n', begin) - begin);
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

int Daemon::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int code = WaitExit(pid_);
  pid_ = -1;
  return code;
}

void Daemon::Kill() {
  kill(pid_, SIGKILL);
  WaitExit(pid_);
  pid_ = -1;
}

std::string Daemon::Log() const { return ReadFile(log_path_); }

Background::Background(const std::vector<std::string>& argv,
                       const std::filesystem::path& log) {
  pid_ = Spawn(argv, "/dev/null", log.string(), log.string());
  EXPECT_GT(pid_, 0) << "cannot start " << argv[0];
}

Background::~Background() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  WaitExit(pid_);
}

}  // namespace teamload::testing
