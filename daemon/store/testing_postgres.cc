#include "daemon/store/testing_postgres.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <sstream>
#include <thread>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::store::testing {
namespace {

namespace fs = std::filesystem;

constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kStopTimeout = std::chrono::seconds(10);

// The newest /usr/lib/postgresql/<version>/bin holding initdb and postgres;
// TEAMLOAD_POSTGRES_BIN names another folder.
absl::StatusOr<std::string> FindBinaries() {
  if (const char* bin = std::getenv("TEAMLOAD_POSTGRES_BIN")) return bin;
  std::string best;
  int best_version = -1;
  std::error_code error;
  for (const auto& entry :
       fs::directory_iterator("/usr/lib/postgresql", error)) {
    int version;
    if (absl::SimpleAtoi(entry.path().filename().string(), &version) &&
        version > best_version && fs::exists(entry.path() / "bin/initdb") &&
        fs::exists(entry.path() / "bin/postgres")) {
      best_version = version;
      best = (entry.path() / "bin").string();
    }
  }
  if (best.empty()) {
    return absl::FailedPreconditionError(
        "no PostgreSQL server under /usr/lib/postgresql/*/bin (initdb, "
        "postgres): run scripts/setup, which installs the postgresql "
        "package, or set TEAMLOAD_POSTGRES_BIN");
  }
  return best;
}

// The unprivileged user the server runs as when the tests run as root.
struct RunAs {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

absl::StatusOr<RunAs> ServerUser() {
  if (::geteuid() != 0) return RunAs{};
  const passwd* user = ::getpwnam("postgres");
  if (user == nullptr) {
    return absl::FailedPreconditionError(
        "the tests run as root, so PostgreSQL must run as the user "
        "\"postgres\", which does not exist: run scripts/setup");
  }
  return RunAs{true, user->pw_uid, user->pw_gid};
}

// Starts `argv` as `as`, its output appended to `log`. The child gets
// `death_signal` when this thread ends (0: none).
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv,
                            const RunAs& as, const std::string& log,
                            int death_signal) {
  std::vector<char*> args;
  for (const std::string& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    // Only async-signal-safe calls from here on.
    if (as.switch_user && (::setgroups(0, nullptr) != 0 ||
                           ::setgid(as.gid) != 0 || ::setuid(as.uid) != 0)) {
      ::_exit(126);
    }
    // Set after setuid, which clears it.
    if (death_signal != 0) {
      ::prctl(PR_SET_PDEATHSIG, death_signal);
      if (::getppid() != parent) ::_exit(1);
    }
    // Nothing to read: a backend told to stop talking to its client (one
    // terminated while it waited for a synchronous standby) turns to stdin
    // for commands; it must find the end there, never the test's input.
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
    }
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

std::string Tail(const std::string& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

absl::StatusOr<int> FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  if (fd < 0 ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    if (fd >= 0) ::close(fd);
    return absl::InternalError("no free loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

PostgresCluster::PostgresCluster(std::string bin, std::string folder, int port,
                                 std::vector<std::string> settings)
    : bin_(std::move(bin)),
      folder_(std::move(folder)),
      port_(port),
      settings_(std::move(settings)) {}

absl::StatusOr<std::unique_ptr<PostgresCluster>> PostgresCluster::NewEmpty(
    const Options& options) {
  absl::StatusOr<std::string> bin = FindBinaries();
  if (!bin.ok()) return bin.status();
  absl::StatusOr<RunAs> as = ServerUser();
  if (!as.ok()) return as.status();
  std::string folder =
      (fs::temp_directory_path() / "teamload-postgres-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp failed for ", folder));
  }
  absl::StatusOr<int> port = FreeLoopbackPort();
  if (!port.ok()) return port.status();
  // From here the destructor removes the folder.
  std::unique_ptr<PostgresCluster> cluster(
      new PostgresCluster(*bin, folder, *port, options.settings));
  if (as->switch_user && ::chown(folder.c_str(), as->uid, as->gid) != 0) {
    return absl::InternalError(absl::StrCat("cannot chown ", folder));
  }
  return cluster;
}

absl::Status PostgresCluster::RunTool(const std::string& program,
                                      std::vector<std::string> args) const {
  absl::StatusOr<RunAs> as = ServerUser();
  if (!as.ok()) return as.status();
  const std::string log = absl::StrCat(folder_, "/", program, ".log");
  args.insert(args.begin(), absl::StrCat(bin_, "/", program));
  absl::StatusOr<pid_t> pid = Spawn(args, *as, log, 0);
  if (!pid.ok()) return pid.status();
  int status = 0;
  ::waitpid(*pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(
        absl::StrCat(program, " failed in ", folder_, ":\n", Tail(log)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<PostgresCluster>> PostgresCluster::Create(
    const Options& options) {
  absl::StatusOr<std::unique_ptr<PostgresCluster>> cluster = NewEmpty(options);
  if (!cluster.ok()) return cluster.status();
  if (absl::Status s = (*cluster)->RunTool(
          "initdb", {"-D", (*cluster)->folder_ + "/data", "-U", "postgres",
                     "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync",
                     "--no-instructions"});
      !s.ok()) {
    return s;
  }
  if (absl::Status s = (*cluster)->Start(); !s.ok()) return s;
  return cluster;
}

absl::StatusOr<std::unique_ptr<PostgresCluster>> PostgresCluster::CreateStandby(
    const PostgresCluster& primary, const Options& options) {
  absl::StatusOr<std::unique_ptr<PostgresCluster>> standby = NewEmpty(options);
  if (!standby.ok()) return standby.status();
  // A fast checkpoint and the WAL streamed alongside: a copy that starts at
  // once, whatever the primary is doing.
  if (absl::Status s = (*standby)->RunTool(
          "pg_basebackup",
          {"-D", (*standby)->folder_ + "/data", "-h", "127.0.0.1", "-p",
           absl::StrCat(primary.port()), "-U", "postgres", "-R", "-X", "stream",
           "-c", "fast", "--no-sync"});
      !s.ok()) {
    return s;
  }
  if (absl::Status s = (*standby)->Start(); !s.ok()) return s;
  return standby;
}

PostgresCluster& PostgresCluster::Shared() {
  static const std::unique_ptr<PostgresCluster> shared = [] {
    absl::StatusOr<std::unique_ptr<PostgresCluster>> cluster = Create({});
    if (!cluster.ok()) {
      std::fprintf(stderr, "cannot start a test PostgreSQL: %s\n",
                   cluster.status().ToString().c_str());
      std::abort();
    }
    return *std::move(cluster);
  }();
  return *shared;
}

PostgresCluster::~PostgresCluster() {
  Stop().IgnoreError();
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

absl::Status PostgresCluster::Start() {
  if (server_ > 0) return absl::OkStatus();
  absl::StatusOr<RunAs> as = ServerUser();
  if (!as.ok()) return as.status();
  std::vector<std::string> argv = {
      bin_ + "/postgres", "-D", folder_ + "/data", "-p", absl::StrCat(port_),
      "-c", "listen_addresses=127.0.0.1", "-c",
      "unix_socket_directories=" + folder_,
      // A test server: no durability beyond the process, little memory.
      "-c", "fsync=off", "-c", "full_page_writes=off", "-c",
      "shared_buffers=16MB", "-c", "max_connections=60"};
  for (const std::string& setting : settings_) {
    argv.push_back("-c");
    argv.push_back(setting);
  }
  const std::string log = folder_ + "/server.log";
  absl::StatusOr<pid_t> server = Spawn(argv, *as, log, SIGQUIT);
  if (!server.ok()) return server.status();
  server_ = *server;
  const std::string ping = absl::StrFormat(
      "host=127.0.0.1 port=%d dbname=postgres user=postgres connect_timeout=2",
      port_);
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (PQping(ping.c_str()) != PQPING_OK) {
    int status = 0;
    if (::waitpid(server_, &status, WNOHANG) == server_) {
      server_ = -1;
      return absl::InternalError(
          absl::StrCat("the test PostgreSQL exited at start:\n", Tail(log)));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "the test PostgreSQL did not accept connections:\n", Tail(log)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return absl::OkStatus();
}

absl::Status PostgresCluster::Stop() {
  if (server_ <= 0) return absl::OkStatus();
  ::kill(server_, SIGINT);  // fast shutdown
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  int status = 0;
  while (::waitpid(server_, &status, WNOHANG) != server_) {
    if (std::chrono::steady_clock::now() > deadline) {
      // A session that cannot end holds it up: one whose exit must commit
      // (dropping temporary tables) while no synchronous standby answers.
      ::kill(server_, SIGQUIT);  // immediate shutdown
      ::waitpid(server_, &status, 0);
      server_ = -1;
      return absl::DeadlineExceededError(absl::StrCat(
          "the test PostgreSQL did not stop within ", kStopTimeout.count(),
          " s, so it was shut down at once:\n", Tail(folder_ + "/server.log")));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  server_ = -1;
  return absl::OkStatus();
}

absl::Status PostgresCluster::Kill9() {
  if (server_ <= 0) {
    return absl::FailedPreconditionError("the test PostgreSQL is not running");
  }
  ::kill(server_, SIGKILL);
  int status = 0;
  ::waitpid(server_, &status, 0);
  server_ = -1;
  return absl::OkStatus();
}

absl::Status PostgresCluster::Promote() {
  if (server_ <= 0) {
    return absl::FailedPreconditionError("the test PostgreSQL is not running");
  }
  // -w: back once the server has left recovery and takes writes.
  return RunTool("pg_ctl", {"promote", "-D", folder_ + "/data", "-w", "-t",
                            absl::StrCat(kStartTimeout.count())});
}

std::string PostgresCluster::Url(absl::string_view database) const {
  return absl::StrFormat("postgresql://postgres@127.0.0.1:%d/%s", port_,
                         database);
}

absl::StatusOr<std::string> PostgresCluster::NewDatabase() {
  const std::string name =
      absl::StrFormat("test_%d_%d", ::getpid(), ++databases_);
  if (auto created = Query("postgres", "CREATE DATABASE " + name);
      !created.ok()) {
    return created.status();
  }
  return Url(name);
}

absl::StatusOr<std::vector<std::vector<std::string>>> PostgresCluster::Query(
    absl::string_view database, absl::string_view sql) const {
  try {
    pqxx::connection connection(Url(database));
    pqxx::nontransaction txn(connection);
    std::vector<std::vector<std::string>> rows;
    for (const pqxx::row& row : txn.exec(std::string(sql))) {
      std::vector<std::string>& out = rows.emplace_back();
      for (const pqxx::field& field : row) out.push_back(field.c_str());
    }
    return rows;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrFormat(
        "test PostgreSQL, database %s: %s", database, e.what()));
  }
}

}  // namespace teamload::store::testing
