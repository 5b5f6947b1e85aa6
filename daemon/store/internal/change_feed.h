// What both stores share to answer Store::ReadChangesSince (store.h): rows
// read with their feed position, from the revisions, coverage and erasures
// tables separately, merged into one batch in position (commit) order.
//
// Not for use outside daemon/store. Pure functions; thread-safe.
#ifndef TEAMLOAD_DAEMON_STORE_INTERNAL_CHANGE_FEED_H_
#define TEAMLOAD_DAEMON_STORE_INTERNAL_CHANGE_FEED_H_

#include <cstdint>
#include <vector>

#include "daemon/store/store.h"

namespace teamload::store::internal {

template <typename T>
struct Positioned {
  int64_t position;
  T row;
};

// Merges the rows of each table after `cursor` (each list in position
// order, at most `limit` rows) into a batch of at most `limit` rows. A list
// that came back full may have more rows after its last one, so the batch
// ends there: nothing is skipped by the next read.
// REQUIRES: limit > 0; positions are unique across the lists.
ChangeBatch InCommitOrder(int64_t cursor, int limit,
                          std::vector<Positioned<Revision>> revisions,
                          std::vector<Positioned<CoverageMark>> coverage,
                          std::vector<Positioned<SignalKey>> erased);

}  // namespace teamload::store::internal

#endif  // TEAMLOAD_DAEMON_STORE_INTERNAL_CHANGE_FEED_H_
