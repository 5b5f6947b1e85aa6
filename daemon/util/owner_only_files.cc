#include "daemon/util/owner_only_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include "absl/strings/str_format.h"

namespace teamload::util {

absl::Status CreateOwnerOnlyFolders(const std::filesystem::path& folder) {
  // The missing ones, deepest first.
  std::vector<std::filesystem::path> missing;
  std::error_code ec;
  for (std::filesystem::path at = folder; !at.empty() && at != at.root_path();
       at = at.parent_path()) {
    if (std::filesystem::exists(at, ec)) break;
    missing.push_back(at);
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    // mkdir applies the umask; chmod then sets exactly 0700.
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
      return absl::UnavailableError(
          absl::StrFormat("cannot create the folder %s: %s", it->string(),
                          std::strerror(errno)));
    }
    std::filesystem::permissions(*it, kOwnerOnlyFolder, ec);
    if (ec) {
      return absl::UnavailableError(
          absl::StrFormat("cannot make the folder %s owner-only: %s",
                          it->string(), ec.message()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int> CreateOwnerOnlyFile(const std::filesystem::path& file) {
  const int fd =
      ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) {
    return absl::AlreadyExistsError(
        absl::StrFormat("%s already exists", file.string()));
  }
  if (fd < 0 || ::fchmod(fd, 0600) != 0) {
    const absl::Status status = absl::UnavailableError(absl::StrFormat(
        "cannot create %s: %s", file.string(), std::strerror(errno)));
    if (fd >= 0) ::close(fd);
    return status;
  }
  return fd;
}

}  // namespace teamload::util
