#include "daemon/reports/outbox.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/util/owner_only_files.h"

namespace teamload::reports {
namespace {

absl::Status Errno(absl::string_view doing, const std::string& path) {
  return absl::UnavailableError(
      absl::StrFormat("%s %s: %s", doing, path, std::strerror(errno)));
}

absl::Status WriteAll(int fd, absl::string_view contents,
                      const std::string& path) {
  while (!contents.empty()) {
    const ssize_t n = ::write(fd, contents.data(), contents.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("cannot write", path);
    contents.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0) return Errno("cannot flush", path);
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view contents) {
  const std::filesystem::path target(path);
  if (absl::Status s = util::CreateOwnerOnlyFolders(target.parent_path());
      !s.ok()) {
    return s;
  }
  // Unique per process and call, so concurrent writers never share one.
  static std::atomic<uint64_t> counter = 0;
  const std::string temp =
      absl::StrCat(path, ".tmp-", ::getpid(), "-", counter.fetch_add(1));
  absl::StatusOr<int> created = util::CreateOwnerOnlyFile(temp);
  if (!created.ok()) return created.status();
  const int fd = *created;
  absl::Status status = WriteAll(fd, contents, temp);
  if (::close(fd) != 0 && status.ok()) status = Errno("cannot close", temp);
  if (status.ok() && ::rename(temp.c_str(), path.c_str()) != 0)
    status = Errno("cannot rename the new file to", path);
  if (!status.ok()) {
    ::unlink(temp.c_str());
    return status;
  }
  // The rename is durable once the folder is.
  const int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> WriteToOutbox(
    const std::string& reports_dir, const config::ReportConfig& report,
    const RenderedReport& rendered) {
  const std::filesystem::path folder =
      std::filesystem::path(reports_dir) / report.name;
  std::vector<std::string> written;
  for (const auto& [wanted, extension, contents] :
       {std::tuple{report.markdown, ".md", &rendered.markdown},
        std::tuple{report.html, ".html", &rendered.html}}) {
    if (!wanted) continue;
    const std::string path =
        (folder / absl::StrCat(rendered.date, extension)).string();
    if (absl::Status s = WriteFileAtomically(path, *contents); !s.ok())
      return s;
    written.push_back(path);
  }
  return written;
}

}  // namespace teamload::reports
