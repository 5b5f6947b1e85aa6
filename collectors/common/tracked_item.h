// TrackedItem: what an issue tracker (Jira, GitHub issues) says of one item,
// folded, in the terms teamload tells it: a deferral (how often its work was
// put off) and, when it carries the migration label, a migration. Each
// source reads its own formats into a TrackedItem and finds its team; the
// signals are made here, the same way for every tracker. Pure functions.
#ifndef TEAMLOAD_COLLECTORS_COMMON_TRACKED_ITEM_H_
#define TEAMLOAD_COLLECTORS_COMMON_TRACKED_ITEM_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/migration_labels.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors {

struct TrackedItem {
  std::string key;                  // "PAY-812", "acme/payments#42"
  std::string title;                // "" when only events named the item
  std::vector<std::string> labels;  // as of the newest snapshot
  absl::Time created_at = absl::InfiniteFuture();  // unknown
  absl::Time updated_at = absl::InfinitePast();
  int times_deferred = 0;
  absl::Time first_deferred_at = absl::InfiniteFuture();
  absl::Time resolved_at = absl::InfiniteFuture();  // unresolved
  // Its due date or milestone's; InfiniteFuture when it has none.
  absl::Time planned_end = absl::InfiniteFuture();
  // When each label was last added, by the item's history.
  std::map<std::string, absl::Time> labels_added;
};

// Finds the item's team, or nullopt (and says why in the caller's way).
// Asked only when the item makes a signal, so an item that makes none is
// never reported unmapped.
using FindTeam = absl::FunctionRef<std::optional<std::string>()>;

// The deferral signal "<source>:<key>" of the team `team` finds, or nullopt
// for an item never deferred or one no team claims.
std::optional<teamload::v1::Signal> DeferralSignal(absl::string_view source,
                                                   const TrackedItem& item,
                                                   FindTeam team);

// The migration signal "<source>:migration/<key>" of the team `team` finds:
// started when created, planned to end at planned_end, finished when
// resolved, looked back on when the retrospective label was last added (or
// when last updated, if it carries that label and no history says when).
// nullopt for an item without the migration label or a creation time, or
// one no team claims.
std::optional<teamload::v1::Signal> MigrationSignal(
    absl::string_view source, const TrackedItem& item,
    const MigrationLabels& options, FindTeam team);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_TRACKED_ITEM_H_
