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
// `listen` and `store` set; pass the rest (teams, limits) as YAML.
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
  std::string Log() const;
  const std::filesystem::path& config_path() const { return config_path_; }

 private:
  std::filesystem::path dir_;
  std::filesystem::path config_path_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  std::string address_;
};

// A helper process left running for a test (a local SMTP server, ...), its
// stdout and stderr in `log`; SIGTERM and a wait when the object goes.
class Background {
 public:
  Background(const std::vector<std::string>& argv,
             const std::filesystem::path& log);
  ~Background();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

// The whole file, or "" when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

// Polls `done` every 20 ms for up to 30 s; whether it came true.
bool WaitFor(const std::function<bool()>& done);

// Paths of the binaries under test, set by CMake.
std::string TeamloaddPath();
std::string TeamloadctlPath();

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_PROCESS_H_
