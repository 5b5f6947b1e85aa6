// Fuzz entry for teamloadd's ingest path, end to end without the network:
// bytes parsed as an IngestRequest, each entry validated (daemon/ingest/
// validate.h), the request ingested twice by an Ingestor over a fresh
// in-memory SQLite store and model, then every affected team's narrative
// told and rendered as Markdown. It aborts (a finding) when:
//   - the response does not answer every entry, in order;
//   - the same request sent again is not all duplicates or rejections;
//   - a model rebuilt from the store tells a different story;
//   - the Markdown holds a raw control character (text::ShowControls).
// The libFuzzer target (scripts/fuzz) and the corpus replay test
// (fuzz_corpus_test over tests/fuzz_corpus/ingest_request/) both call it.
// Not thread-safe (libFuzzer runs one input at a time).
#ifndef TEAMLOAD_COLLECTORS_FUZZ_INGEST_ENTRY_H_
#define TEAMLOAD_COLLECTORS_FUZZ_INGEST_ENTRY_H_

#include <cstddef>
#include <cstdint>

namespace teamload::collectors::fuzz {

void IngestRequest(const uint8_t* data, size_t size);

}  // namespace teamload::collectors::fuzz

#endif  // TEAMLOAD_COLLECTORS_FUZZ_INGEST_ENTRY_H_
