// libFuzzer target for PagerDuty Analytics rows (scripts/fuzz builds and
// runs it).
#include "collectors/fuzz/entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  teamload::collectors::fuzz::PagerDutyAnalytics(data, size);
  return 0;
}
