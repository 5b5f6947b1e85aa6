// Fuzz entries: every collector parser, end to end from raw bytes to signals,
// one function each. The libFuzzer targets (built by scripts/fuzz with
// clang) and the regression test over tests/fuzz_corpus/ (in the default
// suite) both call these, so a crash found by fuzzing stays fixed.
#ifndef TEAMLOAD_COLLECTORS_FUZZ_ENTRIES_H_
#define TEAMLOAD_COLLECTORS_FUZZ_ENTRIES_H_

#include <cstddef>
#include <cstdint>

namespace teamload::collectors::fuzz {

void PagerDuty(const uint8_t* data, size_t size);
void Opsgenie(const uint8_t* data, size_t size);
void Jira(const uint8_t* data, size_t size);
// The same bytes as a write-up and as a day of a Slack export, then both
// matched into signals.
void Oops(const uint8_t* data, size_t size);

// PagerDuty Analytics rows, read in a zone with daylight saving time.
void PagerDutyAnalytics(const uint8_t* data, size_t size);

void JiraCsv(const uint8_t* data, size_t size);
void Survey(const uint8_t* data, size_t size);

void Github(const uint8_t* data, size_t size);

}  // namespace teamload::collectors::fuzz

#endif  // TEAMLOAD_COLLECTORS_FUZZ_ENTRIES_H_
