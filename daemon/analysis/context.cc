#include "daemon/analysis/context.h"

#include <algorithm>
#include <tuple>

namespace teamload::analysis {

std::vector<model::AnnotationFact> RecentAnnotations(
    const model::TeamHistory& history, absl::Time as_of) {
  std::vector<const model::AnnotationFact*> recent;
  for (const model::AnnotationFact& note : history.annotations) {
    if (note.occurred_at <= as_of &&
        note.occurred_at > as_of - kContextWindow) {
      recent.push_back(&note);
    }
  }
  const auto newest_first = [](const model::AnnotationFact* a,
                               const model::AnnotationFact* b) {
    return std::tie(b->occurred_at, a->id) < std::tie(a->occurred_at, b->id);
  };
  const size_t kept = std::min<size_t>(recent.size(), kMaxContextNotes);
  std::partial_sort(recent.begin(), recent.begin() + kept, recent.end(),
                    newest_first);
  std::vector<model::AnnotationFact> notes;
  notes.reserve(kept);
  for (size_t i = 0; i < kept; ++i) notes.push_back(*recent[i]);
  return notes;
}

}  // namespace teamload::analysis
