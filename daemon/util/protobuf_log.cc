#include "daemon/util/protobuf_log.h"

#include <mutex>

#include "absl/strings/str_format.h"
#include "daemon/util/clock.h"
#include "daemon/util/rate_limited_log.h"
#include "google/protobuf/stubs/logging.h"

namespace teamload::util {
namespace {

constexpr int kProtobufLinesPerSecond = 5;

// The text of this thread's live ProtobufErrorCapture, if any.
thread_local std::string* captured_on_this_thread = nullptr;

RateLimitedLog& ProtobufLog() {
  static const SystemClock* clock = new SystemClock();
  static RateLimitedLog* log =
      new RateLimitedLog(clock, kProtobufLinesPerSecond);
  return *log;
}

void HandleProtobufLine(google::protobuf::LogLevel level, const char* filename,
                        int line, const std::string& message) {
  if (std::string* text = captured_on_this_thread; text != nullptr) {
    if (!text->empty()) *text += "; ";
    *text += message;
    return;
  }
  const Severity severity =
      level == google::protobuf::LOGLEVEL_INFO      ? Severity::kInfo
      : level == google::protobuf::LOGLEVEL_WARNING ? Severity::kWarning
                                                    : Severity::kError;
  ProtobufLog().Log(severity, absl::StrFormat("libprotobuf %s:%d: %s", filename,
                                              line, message));
}

}  // namespace

void RouteProtobufLogs() {
  static std::once_flag once;
  std::call_once(once,
                 [] { google::protobuf::SetLogHandler(&HandleProtobufLine); });
}

ProtobufErrorCapture::ProtobufErrorCapture() {
  captured_on_this_thread = &text_;
}

ProtobufErrorCapture::~ProtobufErrorCapture() {
  captured_on_this_thread = nullptr;
}

}  // namespace teamload::util
