// pagerduty-pages: writes PAGES generated REST v2 incident pages of 10,000
// incidents each into DIR, for the collector backfill benchmark.
#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "bench/pagerduty_pages.h"

int main(int argc, char** argv) {
  int pages = 0;
  if (argc != 3 || !absl::SimpleAtoi(argv[2], &pages) || pages < 1) {
    std::fprintf(stderr, "usage: pagerduty-pages DIR PAGES\n");
    return 2;
  }
  for (int p = 0; p < pages; ++p) {
    std::ofstream(absl::StrFormat("%s/page-%04d.json", argv[1], p))
        << teamload::bench::PagerDutyPage(p * 10'000, 10'000);
  }
  return 0;
}
