#include "daemon/util/log.h"

#include "gtest/gtest.h"

namespace teamload::util {
namespace {

const absl::Time kTime = absl::FromUnixMillis(1'795'741'323'456);

TEST(FormatLogEntry, OneLineWithTimeAndSeverity) {
  EXPECT_EQ(FormatLogEntry(Severity::kInfo, kTime, "serving gRPC on :7411"),
            "2026-11-27T01:02:03.456Z INFO serving gRPC on :7411\n");
}

TEST(FormatLogEntry, ControlsShownAndLaterLinesIndented) {
  EXPECT_EQ(FormatLogEntry(Severity::kError, kTime,
                           "report we\x1b[2Jekly: failed\r\n"
                           "2026-11-27T00:00:00.000Z INFO all good\x07"),
            "2026-11-27T01:02:03.456Z ERROR report we\\x1b[2Jekly: failed\\r\n"
            "  2026-11-27T00:00:00.000Z INFO all good\\x07\n");
}

}  // namespace
}  // namespace teamload::util
