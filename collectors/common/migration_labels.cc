#include "collectors/common/migration_labels.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace teamload::collectors {

bool IsMigration(const std::vector<std::string>& labels,
                 const MigrationLabels& options) {
  return !options.label.empty() &&
         std::find(labels.begin(), labels.end(), options.label) != labels.end();
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
