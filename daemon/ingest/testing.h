// What the ingest tests share: one fixed "now" and the two teams they write
// to. Test-only.
#ifndef TEAMLOAD_DAEMON_INGEST_TESTING_H_
#define TEAMLOAD_DAEMON_INGEST_TESTING_H_

#include <vector>

#include "absl/time/time.h"
#include "daemon/config/config.h"

namespace teamload::ingest::testing {

// 2026-11-27T00:00:00Z.
inline const absl::Time kNow = absl::FromUnixSeconds(1'795'737'600);

inline std::vector<config::TeamConfig> PaymentsAndSearch() {
  return {{.name = "payments"}, {.name = "search"}};
}

}  // namespace teamload::ingest::testing

#endif  // TEAMLOAD_DAEMON_INGEST_TESTING_H_
