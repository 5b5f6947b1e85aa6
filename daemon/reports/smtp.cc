#include "daemon/reports/smtp.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/reports/curl_easy.h"

namespace teamload::reports {
namespace {

struct Upload {
  absl::string_view rest;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  Upload& upload = *static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload.rest.size());
  std::memcpy(buffer, upload.rest.data(), n);
  upload.rest.remove_prefix(n);
  return n;
}

}  // namespace

absl::Status SendMail(const config::SmtpConfig& smtp,
                      const MailMessage& message, absl::Duration timeout) {
  std::string password;
  if (!smtp.password_env.empty()) {
    const char* value = std::getenv(smtp.password_env.c_str());
    if (value == nullptr) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "smtp: the environment variable %s (smtp.password_env) is not set",
          smtp.password_env));
    }
    password = value;
  }
  absl::StatusOr<CurlHandle> curl = NewCurl(timeout);
  if (!curl.ok()) {
    return absl::Status(curl.status().code(),
                        absl::StrCat("smtp: ", curl.status().message()));
  }
  std::vector<std::string> to;
  for (const std::string& address : message.to)
    to.push_back(absl::StrCat("<", address, ">"));
  absl::StatusOr<CurlList> recipients = NewCurlList(to);
  if (!recipients.ok())
    return absl::ResourceExhaustedError("smtp: no memory for recipients");
  const std::string mail = BuildMimeMessage(message);
  Upload upload{mail};
  const std::string from = absl::StrCat("<", smtp.from, ">");
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl->get();
  curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients->get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE,
                   static_cast<curl_off_t>(mail.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (!smtp.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, smtp.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
  }
  if (absl::StartsWith(smtp.url, "smtp://")) {
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     smtp.username.empty() ? static_cast<long>(CURLUSESSL_TRY)
                                           : static_cast<long>(CURLUSESSL_ALL));
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return absl::UnavailableError(
        absl::StrFormat("smtp %s: %s", smtp.url,
                        error[0] != '\0' ? error : curl_easy_strerror(rc)));
  }
  return absl::OkStatus();
}

}  // namespace teamload::reports
