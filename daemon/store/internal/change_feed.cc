#include "daemon/store/internal/change_feed.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace teamload::store::internal {
namespace {

// One table's rows, taken in position order into one of the batch's lists.
template <typename T>
struct Source {
  std::vector<Positioned<T>>& rows;
  std::vector<T>& to;
  size_t next = 0;

  bool more() const { return next < rows.size(); }
  int64_t position() const { return rows[next].position; }
  // A list that came back full may have more rows after its last one.
  int64_t End(int limit) const {
    return static_cast<int>(rows.size()) >= limit && !rows.empty()
               ? rows.back().position
               : std::numeric_limits<int64_t>::max();
  }
  int64_t Take() {
    to.push_back(std::move(rows[next].row));
    return rows[next++].position;
  }
};

}  // namespace

ChangeBatch InCommitOrder(int64_t cursor, int limit,
                          std::vector<Positioned<Revision>> revisions,
                          std::vector<Positioned<CoverageMark>> coverage,
                          std::vector<Positioned<SignalKey>> erased) {
  ChangeBatch batch{.cursor = cursor};
  Source<Revision> r{revisions, batch.revisions};
  Source<CoverageMark> c{coverage, batch.coverage};
  Source<SignalKey> e{erased, batch.erased};
  const int64_t end = std::min({r.End(limit), c.End(limit), e.End(limit)});
  constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  for (int taken = 0; taken < limit; ++taken) {
    const int64_t next = std::min({r.more() ? r.position() : kNone,
                                   c.more() ? c.position() : kNone,
                                   e.more() ? e.position() : kNone});
    if (next == kNone || next > end) break;
    if (r.more() && r.position() == next) {
      batch.cursor = r.Take();
    } else if (c.more() && c.position() == next) {
      batch.cursor = c.Take();
    } else {
      batch.cursor = e.Take();
    }
  }
  return batch;
}

}  // namespace teamload::store::internal
