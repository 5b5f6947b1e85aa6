#include "collectors/common/tracked_item.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "client/signal_builders.h"

namespace teamload::collectors {
namespace {

// When the migration was looked back on: when retro_label was last added,
// or else when the item was last updated, if it carries retro_label;
// InfiniteFuture (not looked back on) if it does not.
absl::Time LookedBackAt(const TrackedItem& item,
                        const MigrationLabels& options) {
  if (std::find(item.labels.begin(), item.labels.end(), options.retro_label) ==
      item.labels.end()) {
    return absl::InfiniteFuture();
  }
  const auto added = item.labels_added.find(options.retro_label);
  return added != item.labels_added.end() ? added->second : item.updated_at;
}

}  // namespace

std::optional<teamload::v1::Signal> DeferralSignal(absl::string_view source,
                                                   const TrackedItem& item,
                                                   FindTeam team) {
  if (item.times_deferred == 0) return std::nullopt;
  const std::optional<std::string> owner = team();
  if (!owner) return std::nullopt;
  teamload::v1::Signal signal =
      client::NewSignal(source, item.key, *owner, item.first_deferred_at);
  client::SetDeferral(signal, item.key, item.title, item.times_deferred,
                      item.resolved_at);
  return signal;
}

std::optional<teamload::v1::Signal> MigrationSignal(
    absl::string_view source, const TrackedItem& item,
    const MigrationLabels& options, FindTeam team) {
  if (!IsMigration(item.labels, options) ||
      item.created_at == absl::InfiniteFuture()) {
    return std::nullopt;
  }
  const std::optional<std::string> owner = team();
  if (!owner) return std::nullopt;
  const client::MigrationRecord record{
      .name = item.key,
      .title = item.title,
      .planned_end = item.planned_end,
      .finished = item.resolved_at,
      .retrospective = LookedBackAt(item, options)};
  teamload::v1::Signal signal = client::NewSignal(
      source, absl::StrCat("migration/", item.key), *owner, item.created_at);
  client::SetMigration(signal, record);
  return signal;
}

}  // namespace teamload::collectors
