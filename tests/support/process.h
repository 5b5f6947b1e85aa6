// Child processes for end-to-end tests: run a command to completion, or keep
// a teamloadd running with its own config and data folder.
#ifndef TEAMLOAD_TESTS_SUPPORT_PROCESS_H_
#define TEAMLOAD_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace teamload::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// The whole text of a file; empty when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

// Polls `done` every 20 ms for up to 30 s; whether it came true.
bool WaitFor(const std::function<bool()>& done);

// Starts `argv` with stdin, stdout and stderr bound to the given files
// (stdout and stderr appended to); -1 when it cannot start.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& in_path,
            const std::string& out_path, const std::string& err_path);
// Waits for `pid` to exit: its exit code, -1 when killed by a signal.
int WaitExit(pid_t pid);

// Runs `argv` to completion with `input` on its stdin.
ProcessResult Run(const std::vector<std::string>& argv,
                  const std::string& input = "");

// A fresh temporary folder, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A teamloadd on a free loopback port, its store in `dir`. The config gets
// `listen` and `store` set, and `insecure_local: true` unless the rest has a
// `tls:` section; pass the rest (teams, limits, tls, auth) as YAML.
class Daemon {
 public:
  Daemon(std::filesystem::path dir, std::string config_rest);
  ~Daemon();  // kills the process if still running

  // Starts it and waits until it serves; aborts the test on failure.
  void Start();
  // SIGTERM; returns the exit code once it exits.
  int Stop();
  // SIGKILL, as a crash would.
  void Kill();
  // Makes later starts listen where this one does, so clients can reconnect
  // across a restart. REQUIRES: started once.
  void PinAddress();

  const std::string& address() const { return address_; }
  // Its process id while running, for signals a test sends (SIGHUP).
  pid_t pid() const { return pid_; }
  // Where it serves /metrics ("serving metrics on ..." in its log), or ""
  // when the config has no metrics_listen.
  std::string MetricsAddress() const;
  std::string Log() const;
  const std::filesystem::path& config_path() const { return config_path_; }

 private:
  std::filesystem::path dir_;
  std::filesystem::path config_path_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  std::string address_;
};

// Any other long-running child (a Prometheus server, say), its stdout and
// stderr appended to `log_path`.
class Process {
 public:
  Process(std::vector<std::string> argv, std::filesystem::path log_path);
  ~Process();  // kills the process if still running

  // Aborts the test if it cannot be started.
  void Start();
  // SIGTERM; returns the exit code once it exits (-1 if killed by a signal).
  int Stop();
  bool running() const { return pid_ > 0; }
  std::string Log() const;

 private:
  std::vector<std::string> argv_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago, for servers that cannot
// pick their own and report it.
int FreeLoopbackPort();

// Paths of the binaries under test, set by CMake.
std::string TeamloaddPath();
std::string TeamloadctlPath();

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_PROCESS_H_
