// MIME: an e-mail as RFC 5322 / RFC 2045 text: a plain text body with an
// optional HTML alternative, and attachments. Every part is base64, so no
// line is long, none starts with a dot and the boundaries (which contain
// "=_", outside the base64 alphabet) can never occur inside a part. Pure.
#ifndef TEAMLOAD_DAEMON_REPORTS_MIME_H_
#define TEAMLOAD_DAEMON_REPORTS_MIME_H_

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace teamload::reports {

struct Attachment {
  std::string filename;      // ASCII, as the recipient sees it
  std::string content_type;  // "text/markdown; charset=utf-8"
  std::string content;
};

struct MailMessage {
  std::string from;
  std::vector<std::string> to;
  std::string subject;  // UTF-8; controls shown escaped, encoded when not ASCII
  absl::Time date;
  std::string text;  // the plain text body, UTF-8
  std::string html;  // an HTML alternative of the body; empty: none
  std::vector<Attachment> attachments;
};

// The whole message, headers and body, lines ending in CRLF.
// REQUIRES: addresses and filenames contain no CR, LF or quotes.
std::string BuildMimeMessage(const MailMessage& message);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_MIME_H_
