// libprotobuf's log, tamed. libprotobuf writes a line to stderr for some
// parse failures (a string field with invalid UTF-8), so each hostile request
// cost one unthrottled log line. RouteProtobufLogs() sends those lines through
// a RateLimitedLog instead, and ProtobufErrorCapture lets the code that parses
// a request keep them, to tell the client what was wrong.
//
// Thread-safe, once RouteProtobufLogs() has run.
#ifndef TEAMLOAD_DAEMON_UTIL_PROTOBUF_LOG_H_
#define TEAMLOAD_DAEMON_UTIL_PROTOBUF_LOG_H_

#include <string>

namespace teamload::util {

// Installs the handler (libprotobuf's SetLogHandler). Idempotent.
// REQUIRES: called while the process starts, before threads parse protobuf:
// libprotobuf reads its handler without a lock.
void RouteProtobufLogs();

// While one is alive, libprotobuf's lines from this thread are kept in it,
// not logged. One per thread at a time; not to be shared between threads.
// REQUIRES: RouteProtobufLogs() has run, or nothing is captured.
class ProtobufErrorCapture {
 public:
  ProtobufErrorCapture();
  ~ProtobufErrorCapture();
  ProtobufErrorCapture(const ProtobufErrorCapture&) = delete;
  ProtobufErrorCapture& operator=(const ProtobufErrorCapture&) = delete;

  // What libprotobuf said since construction, lines joined by "; ".
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace teamload::util

#endif  // TEAMLOAD_DAEMON_UTIL_PROTOBUF_LOG_H_
