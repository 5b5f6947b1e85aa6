#include "daemon/api/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "daemon/util/log.h"
#include "daemon/util/owner_only_files.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace teamload::api {
namespace {

// O_APPEND: every line lands whole at the end, even if another process
// appends too. 0600 whatever the umask (a umask only takes bits away).
absl::StatusOr<int> OpenForAppend(const std::string& path) {
  const std::filesystem::path folder =
      std::filesystem::path(path).parent_path();
  if (!folder.empty()) {
    if (absl::Status s = util::CreateOwnerOnlyFolders(folder); !s.ok()) {
      return absl::UnavailableError(
          absl::StrFormat("audit_log %s: %s", path, s.message()));
    }
  }
  const int fd = open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                      S_IRUSR | S_IWUSR);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrFormat("audit_log %s: cannot open it for appending (%s)", path,
                        std::strerror(errno)));
  }
  return fd;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(
    const std::string& path, const util::Clock* clock) {
  absl::StatusOr<int> fd = OpenForAppend(path);
  if (!fd.ok()) return fd.status();
  std::unique_ptr<AuditLog> log(new AuditLog(path, clock));
  absl::MutexLock lock(&log->mu_);
  log->fd_ = *fd;
  return log;
}

AuditLog::~AuditLog() {
  absl::MutexLock lock(&mu_);
  if (fd_ >= 0) close(fd_);
}

void AuditLog::Record(const auth::Caller& caller, absl::string_view peer,
                      absl::string_view rpc,
                      const std::vector<std::string>& teams) {
  // Built as a protobuf Struct so that the JSON is escaped by a library
  // built for it, whatever the names hold.
  google::protobuf::Struct line;
  auto& fields = *line.mutable_fields();
  fields["time"].set_string_value(absl::FormatTime(
      "%Y-%m-%dT%H:%M:%E3SZ", clock_->Now(), absl::UTCTimeZone()));
  fields["token"].set_string_value(caller.name);
  fields["peer"].set_string_value(std::string(peer));
  fields["rpc"].set_string_value(std::string(rpc));
  auto& list = *fields["teams"].mutable_list_value();
  for (const std::string& team : teams)
    list.add_values()->set_string_value(team);
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(line, &json);
  json.push_back('\n');
  absl::MutexLock lock(&mu_);
  if (fd_ < 0 || write(fd_, json.data(), json.size()) !=
                     static_cast<ssize_t>(json.size())) {
    failures_.Error(
        "audit_log %s: cannot append (%s); a %s call by \"%s\" "
        "went unrecorded",
        path_, fd_ < 0 ? "not open" : std::strerror(errno), rpc, caller.name);
  }
}

absl::Status AuditLog::Reopen() {
  absl::StatusOr<int> fd = OpenForAppend(path_);
  absl::MutexLock lock(&mu_);
  if (!fd.ok()) return fd.status();  // keep writing to the old file
  if (fd_ >= 0) close(fd_);
  fd_ = *fd;
  return absl::OkStatus();
}

}  // namespace teamload::api
