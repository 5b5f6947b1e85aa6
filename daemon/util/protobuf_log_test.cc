#include "daemon/util/protobuf_log.h"

#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/wrappers.pb.h"
#include "gtest/gtest.h"

namespace teamload::util {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

bool ParseInvalidUtf8() {
  google::protobuf::StringValue value;
  return value.ParseFromString(std::string("\x0a\x02\xff\xfe", 4));
}

TEST(ProtobufLogTest, ACaptureKeepsWhatLibprotobufSaidOnItsThread) {
  RouteProtobufLogs();
  {
    ProtobufErrorCapture capture;
    EXPECT_FALSE(ParseInvalidUtf8());
    EXPECT_THAT(capture.text(), HasSubstr("'google.protobuf.StringValue.value'"
                                          " contains invalid UTF-8"));
  }
  // Without one, lines go to the (rate-limited) log, not to a stale capture.
  ProtobufErrorCapture later;
  google::protobuf::StringValue valid;
  EXPECT_TRUE(valid.ParseFromString(std::string("\x0a\x02ok", 4)));
  EXPECT_THAT(later.text(), IsEmpty());
}

}  // namespace
}  // namespace teamload::util
