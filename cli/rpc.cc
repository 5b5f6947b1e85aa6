#include "cli/rpc.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "text/controls.h"

namespace teamload::cli {

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
}

int Failed(const std::string& address, const grpc::Status& status) {
  // The daemon's message may quote a name or a value from outside.
  const std::string message = text::ShowControls(status.error_message());
  absl::FPrintF(
      stderr, "teamloadctl: %s: %s\n", text::ShowControls(address),
      status.error_code() == grpc::StatusCode::UNAVAILABLE
          ? absl::StrCat("cannot reach teamloadd (", message,
                         "); is it running? (--addr or TEAMLOAD_ADDR; "
                         "--tls-ca when it serves TLS)")
      : status.error_code() == grpc::StatusCode::UNAUTHENTICATED
          ? absl::StrCat(message,
                         " (the token is read from TEAMLOAD_TOKEN, or the "
                         "variable named by --token-env)")
          : message);
  return 2;
}

bool ParseAsOf(const std::string& text, google::protobuf::Timestamp* out,
               const char* flag) {
  if (text.empty()) return true;
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error) &&
      !absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), &t, &error)) {
    absl::FPrintF(stderr,
                  "teamloadctl: %s \"%s\" is not a time (use 2026-11-27 or "
                  "2026-11-27T09:00:00Z)\n",
                  flag, text::ShowControls(text));
    return false;
  }
  out->set_seconds(absl::ToUnixSeconds(t));
  return true;
}

void PrintJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  absl::PrintF("%s", json);
}

}  // namespace teamload::cli
