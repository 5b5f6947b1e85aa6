// Replays every input in tests/fuzz_corpus/<parser>/ (real payloads, odd
// shapes, and whatever a fuzzing run found) through the fuzz entries (the
// collectors' parsers, and teamloadd's ingest path for ingest_request/):
// none may crash, throw or trip a sanitizer.
#include <filesystem>
#include <string>

#include "collectors/common/inputs.h"
#include "collectors/fuzz/entries.h"
#include "collectors/fuzz/ingest_entry.h"
#include "gtest/gtest.h"

namespace teamload::collectors::fuzz {
namespace {

void Replay(const std::string& parser, void (*entry)(const uint8_t*, size_t)) {
  int inputs = 0;
  for (const auto& file : std::filesystem::directory_iterator(
           std::string(TEAMLOAD_FUZZ_CORPUS) + "/" + parser)) {
    std::string bytes;
    ASSERT_TRUE(ReadFile(file.path().string(), bytes)) << file.path();
    SCOPED_TRACE(file.path().string());
    entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++inputs;
  }
  EXPECT_GE(inputs, 3) << "the corpus for " << parser << " is missing";
}

TEST(FuzzCorpusTest, PagerDuty) { Replay("pagerduty", &PagerDuty); }
TEST(FuzzCorpusTest, Opsgenie) { Replay("opsgenie", &Opsgenie); }
TEST(FuzzCorpusTest, Jira) { Replay("jira", &Jira); }
TEST(FuzzCorpusTest, Oops) { Replay("oops", &Oops); }

TEST(FuzzCorpusTest, PagerDutyAnalytics) {
  Replay("pagerduty_analytics", &PagerDutyAnalytics);
}

TEST(FuzzCorpusTest, JiraCsv) { Replay("jira_csv", &JiraCsv); }
TEST(FuzzCorpusTest, Survey) { Replay("survey", &Survey); }
TEST(FuzzCorpusTest, Github) { Replay("github", &Github); }
TEST(FuzzCorpusTest, IngestRequest) {
  Replay("ingest_request", &IngestRequest);
}

}  // namespace
}  // namespace teamload::collectors::fuzz
