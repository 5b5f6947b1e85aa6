#include "daemon/reports/mime.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "text/controls.h"
#include "xxhash.h"

namespace teamload::reports {
namespace {

constexpr char kCrlf[] = "\r\n";

// Base64 in lines of 76 characters, as RFC 2045 asks.
std::string Base64Lines(absl::string_view content) {
  const std::string encoded = absl::Base64Escape(content);
  std::string lines;
  lines.reserve(encoded.size() + encoded.size() / 38 + 2);
  for (std::size_t at = 0; at < encoded.size(); at += 76)
    absl::StrAppend(&lines, encoded.substr(at, 76), kCrlf);
  return lines;
}

bool IsAscii(absl::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// A header value on one line, its control characters shown escaped (a CR or
// LF would start a header of its own); RFC 2047: non-ASCII as an encoded
// word.
std::string HeaderText(absl::string_view text) {
  const std::string shown = text::ShowControls(text);
  if (IsAscii(shown)) return shown;
  return absl::StrCat("=?UTF-8?B?", absl::Base64Escape(shown), "?=");
}

std::string Part(absl::string_view content_type, absl::string_view content,
                 absl::string_view disposition = "") {
  return absl::StrCat("Content-Type: ", content_type, kCrlf,
                      "Content-Transfer-Encoding: base64", kCrlf, disposition,
                      kCrlf, Base64Lines(content));
}

// Parts joined under `boundary`, closed.
std::string Multipart(const std::string& boundary,
                      const std::vector<std::string>& parts) {
  std::string body;
  for (const std::string& part : parts)
    absl::StrAppend(&body, "--", boundary, kCrlf, part);
  absl::StrAppend(&body, "--", boundary, "--", kCrlf);
  return body;
}

}  // namespace

std::string BuildMimeMessage(const MailMessage& message) {
  // The same message gets the same boundaries and Message-ID.
  const std::string fingerprint =
      absl::StrCat(message.subject, "\n", message.text, "\n", message.html);
  const std::string tag = absl::StrFormat(
      "%016x", XXH3_64bits(fingerprint.data(), fingerprint.size()));
  const std::string mixed = absl::StrCat("=_teamload_mixed_", tag);
  const std::string alternative = absl::StrCat("=_teamload_alt_", tag);

  const std::string text = Part("text/plain; charset=utf-8", message.text);
  std::vector<std::string> parts = {
      message.html.empty()
          ? text
          : absl::StrCat(
                "Content-Type: multipart/alternative;", kCrlf, " boundary=\"",
                alternative, "\"", kCrlf, kCrlf,
                Multipart(alternative, {text, Part("text/html; charset=utf-8",
                                                   message.html)}))};
  for (const Attachment& a : message.attachments) {
    parts.push_back(Part(
        absl::StrFormat("%s; name=\"%s\"", a.content_type, a.filename),
        a.content,
        absl::StrFormat("Content-Disposition: attachment; filename=\"%s\"\r\n",
                        a.filename)));
  }

  std::string mail = absl::StrCat(
      "From: ", message.from, kCrlf, "To: ", absl::StrJoin(message.to, ", "),
      kCrlf, "Subject: ", HeaderText(message.subject), kCrlf, "Date: ",
      absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", message.date,
                       absl::UTCTimeZone()),
      kCrlf, "Message-ID: <", tag, ".", absl::ToUnixSeconds(message.date),
      "@teamload>", kCrlf, "MIME-Version: 1.0", kCrlf,
      "Content-Type: multipart/mixed;", kCrlf, " boundary=\"", mixed, "\"",
      kCrlf, kCrlf);
  absl::StrAppend(&mail, Multipart(mixed, parts));
  return mail;
}

}  // namespace teamload::reports
