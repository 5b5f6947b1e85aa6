// Mailer: how a rendered report leaves teamloadd by mail. The ReportRunner
// sends through this interface, so tests give it a fake that records or
// fails, and the daemon gives it an SmtpMailer (smtp.h).
//
// Thread-safe: implementations must allow Send from several threads at once
// (each scheduled run may send).
#ifndef TEAMLOAD_DAEMON_REPORTS_MAILER_H_
#define TEAMLOAD_DAEMON_REPORTS_MAILER_H_

#include <string>

#include "absl/status/status.h"
#include "daemon/reports/mime.h"

namespace teamload::reports {

class Mailer {
 public:
  virtual ~Mailer() = default;

  // The address mail is sent from; the runner puts it in message.from.
  virtual const std::string& from() const = 0;

  // Delivers `message` to every address in message.to. OK once the mail is
  // handed over; otherwise a status whose message says why, in words an
  // operator can act on (it goes to the log).
  // REQUIRES: message.to is not empty.
  virtual absl::Status Send(const MailMessage& message) = 0;
};

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_MAILER_H_
