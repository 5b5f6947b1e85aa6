// SMTP delivery with libcurl: one message to its recipients through the
// configured server, as a function (SendMail) and as the daemon's Mailer
// (SmtpMailer). smtps:// speaks TLS from the start; smtp:// upgrades
// with STARTTLS when the server offers it, and insists on it when there is
// a username, so a password never crosses the network in clear.
//
// Thread-safe: each call uses its own curl handle.
#ifndef TEAMLOAD_DAEMON_REPORTS_SMTP_H_
#define TEAMLOAD_DAEMON_REPORTS_SMTP_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/reports/mailer.h"
#include "daemon/reports/mime.h"

namespace teamload::reports {

// Sends `message` to message.to, from smtp.from. The password is read from
// the environment variable smtp.password_env now, never stored.
// FAILED_PRECONDITION when that variable is unset; UNAVAILABLE, with the
// server's or libcurl's words, when sending fails.
// REQUIRES: message.to is not empty.
absl::Status SendMail(const config::SmtpConfig& smtp,
                      const MailMessage& message,
                      absl::Duration timeout = absl::Seconds(30));

// The Mailer the daemon uses when its config has an smtp: section: mail
// from smtp.from, through SendMail. Holds a copy of the config, never the
// password.
class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(config::SmtpConfig smtp,
                      absl::Duration timeout = absl::Seconds(30))
      : smtp_(std::move(smtp)), timeout_(timeout) {}

  const std::string& from() const override { return smtp_.from; }
  absl::Status Send(const MailMessage& message) override {
    return SendMail(smtp_, message, timeout_);
  }

 private:
  // Constant after construction.
  const config::SmtpConfig smtp_;
  const absl::Duration timeout_;
};

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_SMTP_H_
