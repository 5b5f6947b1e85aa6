// Owner-only files and folders. What teamloadd keeps on disk (the store,
// report files) holds what people wrote about their teams, so the folders and
// files it creates are 0700 and 0600 whatever the umask. Folders and files
// that already exist keep their mode: an operator may have chosen it.
//
// Thread-safe: no state of its own.
#ifndef TEAMLOAD_DAEMON_UTIL_OWNER_ONLY_FILES_H_
#define TEAMLOAD_DAEMON_UTIL_OWNER_ONLY_FILES_H_

#include <filesystem>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace teamload::util {

inline constexpr std::filesystem::perms kOwnerOnlyFolder =
    std::filesystem::perms::owner_all;
inline constexpr std::filesystem::perms kOwnerOnlyFile =
    std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;

// Creates `folder` and its missing parents, each new one 0700. UNAVAILABLE,
// naming the folder and the reason, when it cannot.
absl::Status CreateOwnerOnlyFolders(const std::filesystem::path& folder);

// Creates `file`, which must not exist, 0600 and empty, and returns its
// descriptor, open for writing (close-on-exec); the caller closes it.
// ALREADY_EXISTS when it exists; UNAVAILABLE, naming the file and the
// reason, when it cannot be created.
absl::StatusOr<int> CreateOwnerOnlyFile(const std::filesystem::path& file);

}  // namespace teamload::util

#endif  // TEAMLOAD_DAEMON_UTIL_OWNER_ONLY_FILES_H_
