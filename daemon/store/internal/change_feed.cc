#include "daemon/store/internal/change_feed.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace teamload::store::internal {

ChangeBatch InCommitOrder(int64_t cursor, int limit,
                          std::vector<Positioned<Revision>> revisions,
                          std::vector<Positioned<CoverageMark>> coverage) {
  int64_t end = std::numeric_limits<int64_t>::max();
  if (static_cast<int>(revisions.size()) >= limit && !revisions.empty()) {
    end = std::min(end, revisions.back().position);
  }
  if (static_cast<int>(coverage.size()) >= limit && !coverage.empty()) {
    end = std::min(end, coverage.back().position);
  }
  ChangeBatch batch{.cursor = cursor};
  size_t r = 0;
  size_t c = 0;
  for (int taken = 0; taken < limit; ++taken) {
    const bool revision_next =
        r < revisions.size() &&
        (c == coverage.size() || revisions[r].position < coverage[c].position);
    if (revision_next) {
      if (revisions[r].position > end) break;
      batch.cursor = revisions[r].position;
      batch.revisions.push_back(std::move(revisions[r++].row));
    } else if (c < coverage.size()) {
      if (coverage[c].position > end) break;
      batch.cursor = coverage[c].position;
      batch.coverage.push_back(std::move(coverage[c++].row));
    } else {
      break;
    }
  }
  return batch;
}

}  // namespace teamload::store::internal
