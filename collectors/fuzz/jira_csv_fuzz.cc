// libFuzzer target for the jira_csv parser (scripts/fuzz builds and runs it).
#include "collectors/fuzz/entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  teamload::collectors::fuzz::JiraCsv(data, size);
  return 0;
}
