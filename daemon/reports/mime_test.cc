#include "daemon/reports/mime.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

using testing::HasSubstr;

MailMessage Message() {
  return MailMessage{
      .from = "teamload@example.com",
      .to = {"lead@example.com", "vp@example.com"},
      .subject = "Team load report weekly, 2026-11-30",
      .date = absl::FromUnixSeconds(1'796'025'600),  // 2026-11-30 08:00 UTC
      .text = "The report is attached.\n",
      .html = "<p>report</p>\n",
      .attachments = {{"weekly-2026-11-30.md", "text/markdown; charset=utf-8",
                       std::string(3000, 'x') + "\n.leading dot\n"}}};
}

// The base64 body that follows `header` (up to the blank line), decoded.
std::string DecodedPartAfter(const std::string& mail,
                             const std::string& header) {
  std::size_t at = mail.find(header);
  if (at == std::string::npos) return "<no such part>";
  at = mail.find("\r\n\r\n", at) + 4;
  std::string encoded;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(mail).substr(at), "\r\n")) {
    if (line.empty() || absl::StartsWith(line, "--")) break;
    absl::StrAppend(&encoded, line);
  }
  std::string decoded;
  if (!absl::Base64Unescape(encoded, &decoded)) return "<not base64>";
  return decoded;
}

TEST(MimeTest, HeadersNameSenderRecipientsAndStructure) {
  const std::string mail = BuildMimeMessage(Message());
  EXPECT_TRUE(
      absl::StartsWith(mail,
                       "From: teamload@example.com\r\n"
                       "To: lead@example.com, vp@example.com\r\n"
                       "Subject: Team load report weekly, 2026-11-30\r\n"
                       "Date: Mon, 30 Nov 2026 08:00:00 +0000\r\n"
                       "Message-ID: <"))
      << mail.substr(0, 300);
  EXPECT_THAT(mail,
              HasSubstr("MIME-Version: 1.0\r\nContent-Type: "
                        "multipart/mixed;\r\n boundary=\"=_teamload_mixed_"));
  EXPECT_THAT(mail, HasSubstr("Content-Type: multipart/alternative;\r\n "
                              "boundary=\"=_teamload_alt_"));
  EXPECT_THAT(mail, HasSubstr("Content-Disposition: attachment; "
                              "filename=\"weekly-2026-11-30.md\""));
}

TEST(MimeTest, PartsDecodeToTheirContent) {
  const MailMessage message = Message();
  const std::string mail = BuildMimeMessage(message);
  EXPECT_EQ(DecodedPartAfter(mail, "Content-Type: text/plain"), message.text);
  EXPECT_EQ(DecodedPartAfter(mail, "Content-Type: text/html"), message.html);
  EXPECT_EQ(DecodedPartAfter(mail, "Content-Type: text/markdown"),
            message.attachments[0].content);
}

TEST(MimeTest, LinesAreShortEndInCrlfAndNeverStartWithADot) {
  const std::string mail = BuildMimeMessage(Message());
  ASSERT_TRUE(absl::EndsWith(mail, "--\r\n"));
  for (absl::string_view line : absl::StrSplit(mail, "\r\n")) {
    EXPECT_LE(line.size(), 78u) << line;
    EXPECT_EQ(line.find('\n'), absl::string_view::npos) << "a bare LF";
    EXPECT_FALSE(absl::StartsWith(line, ".")) << line;
  }
}

TEST(MimeTest, ControlsInTheSubjectAreShownEscapedOnItsOneLine) {
  MailMessage message = Message();
  message.subject = "weekly\r\nBcc: all@example.com\x1b]0;x\x07";
  EXPECT_THAT(BuildMimeMessage(message),
              HasSubstr("\r\nSubject: weekly\\r\\nBcc: "
                        "all@example.com\\x1b]0;x\\x07\r\nDate: "));
}

TEST(MimeTest, TextOnlyWithoutHtmlAndNonAsciiSubjectsAreEncoded) {
  MailMessage message = Message();
  message.html.clear();
  message.subject = "Bericht für Zürich";
  const std::string mail = BuildMimeMessage(message);
  EXPECT_THAT(mail,
              HasSubstr("Subject: =?UTF-8?B?" +
                        absl::Base64Escape("Bericht für Zürich") + "?=\r\n"));
  EXPECT_THAT(mail, testing::Not(HasSubstr("multipart/alternative")));
  EXPECT_EQ(DecodedPartAfter(mail, "Content-Type: text/plain"), message.text);
}

TEST(MimeTest, TheSameMessageGivesTheSameBytes) {
  EXPECT_EQ(BuildMimeMessage(Message()), BuildMimeMessage(Message()));
}

}  // namespace
}  // namespace teamload::reports
