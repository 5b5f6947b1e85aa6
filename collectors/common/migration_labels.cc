#include "collectors/common/migration_labels.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace teamload::collectors {
namespace {

bool Has(const std::vector<std::string>& labels, const std::string& label) {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

}  // namespace

bool IsMigration(const std::vector<std::string>& labels,
                 const MigrationLabels& options) {
  return !options.label.empty() && Has(labels, options.label);
}

absl::Time LookedBackAt(const std::vector<std::string>& labels,
                        const MigrationLabels& options, absl::Time added_at,
                        absl::Time fallback) {
  if (!Has(labels, options.retro_label)) return absl::InfiniteFuture();
  return added_at != absl::InfiniteFuture() ? added_at : fallback;
}

void AddMigrationLabelFlags(CLI::App& app, MigrationLabels& options,
                            absl::string_view items) {
  app.add_option("--migration-label", options.label,
                 absl::StrCat(items, " carrying this label are migrations"));
  app.add_option("--retro-label", options.retro_label,
                 "A migration given this label has been looked back on (its "
                 "retrospective written)")
      ->capture_default_str();
}

}  // namespace teamload::collectors
