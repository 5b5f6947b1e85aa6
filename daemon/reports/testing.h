// Fakes of the ways out of teamloadd, for tests of the runner and the
// scheduler: a Mailer and a SlackPoster that keep what they are given and
// answer what the test says. Header-only.
//
// Thread-safe: several runners (replicas) may share one.
#ifndef TEAMLOAD_DAEMON_REPORTS_TESTING_H_
#define TEAMLOAD_DAEMON_REPORTS_TESTING_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "daemon/config/config.h"
#include "daemon/reports/mailer.h"
#include "daemon/reports/slack.h"

namespace teamload::reports::testing {

// Keeps every message it is asked to send; answers `result`.
class RecordingMailer final : public Mailer {
 public:
  explicit RecordingMailer(absl::Status result = absl::OkStatus())
      : result_(std::move(result)) {}

  const std::string& from() const override { return from_; }
  absl::Status Send(const MailMessage& message) override {
    absl::MutexLock lock(&mu_);
    sent_.push_back(message);
    return result_;
  }

  std::vector<MailMessage> sent() const {
    absl::MutexLock lock(&mu_);
    return sent_;
  }

 private:
  const std::string from_ = "teamload@example.com";
  const absl::Status result_;
  mutable absl::Mutex mu_;
  std::vector<MailMessage> sent_ ABSL_GUARDED_BY(mu_);
};

// Keeps every payload it is asked to post, by report; answers `result`.
class RecordingSlackPoster final : public SlackPoster {
 public:
  struct Posted {
    std::string report;
    std::string payload;  // JSON
  };

  explicit RecordingSlackPoster(absl::Status result = absl::OkStatus())
      : result_(std::move(result)) {}

  absl::Status Post(const config::ReportConfig& report,
                    const std::string& payload) override {
    absl::MutexLock lock(&mu_);
    posted_.push_back({report.name, payload});
    return result_;
  }

  std::vector<Posted> posted() const {
    absl::MutexLock lock(&mu_);
    return posted_;
  }

 private:
  const absl::Status result_;
  mutable absl::Mutex mu_;
  std::vector<Posted> posted_ ABSL_GUARDED_BY(mu_);
};

}  // namespace teamload::reports::testing

#endif  // TEAMLOAD_DAEMON_REPORTS_TESTING_H_
