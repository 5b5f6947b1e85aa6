// libFuzzer target for teamloadd's ingest path: IngestRequest bytes through
// validation, the Ingestor over in-memory SQLite, and the narratives'
// Markdown (scripts/fuzz builds and runs it).
#include "collectors/fuzz/ingest_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  teamload::collectors::fuzz::IngestRequest(data, size);
  return 0;
}
