// AuditLog: who read which teams' data. Every call that reads team data
// (teams, narratives, themes, reports, watch) appends one JSON line: time,
// token name, peer, RPC and the teams it returned; never content, never a
// token. The file is created owner-only and appended to with one write per
// line; Reopen (on SIGHUP) lets logrotate move it away.
//
// Thread-safe. Does not own the clock, which must outlive it.
#ifndef TEAMLOAD_DAEMON_API_AUDIT_LOG_H_
#define TEAMLOAD_DAEMON_API_AUDIT_LOG_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "daemon/auth/caller.h"
#include "daemon/util/clock.h"
#include "daemon/util/rate_limited_log.h"

namespace teamload::api {

class AuditLog {
 public:
  // Opens (creating it, and its folder, owner-only) `path` for appending.
  // UNAVAILABLE naming the path and the reason when it cannot.
  static absl::StatusOr<std::unique_ptr<AuditLog>> Open(
      const std::string& path, const util::Clock* clock);
  ~AuditLog();

  // One line: {"time", "token", "peer", "rpc", "teams"}. A write that fails
  // is logged (rate-limited), never fails the call.
  void Record(const auth::Caller& caller, absl::string_view peer,
              absl::string_view rpc, const std::vector<std::string>& teams);

  // Closes the file and opens `path` again (it may have been moved away).
  absl::Status Reopen();

 private:
  AuditLog(std::string path, const util::Clock* clock)
      : path_(std::move(path)), clock_(clock), failures_(clock, 2) {}

  // Constant after construction.
  const std::string path_;
  const util::Clock* const clock_;
  util::RateLimitedLog failures_;  // thread-safe itself

  // State below is protected by mu_.
  absl::Mutex mu_;
  int fd_ ABSL_GUARDED_BY(mu_) = -1;
};

}  // namespace teamload::api

#endif  // TEAMLOAD_DAEMON_API_AUDIT_LOG_H_
