// Migrations told by labels, as Jira epics and GitHub issues carry them: an
// item carrying MigrationLabels::label is a migration, and it was looked
// back on when retro_label was added (collectors/common/tracked_item.h
// makes the signal). The test, and the flags that set them.
#ifndef TEAMLOAD_COLLECTORS_COMMON_MIGRATION_LABELS_H_
#define TEAMLOAD_COLLECTORS_COMMON_MIGRATION_LABELS_H_

#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"

namespace teamload::collectors {

struct MigrationLabels {
  std::string label;  // empty: nothing is a migration
  std::string retro_label = "retrospective-done";
};

// Whether `labels` make the item a migration.
bool IsMigration(const std::vector<std::string>& labels,
                 const MigrationLabels& options);

// --migration-label and --retro-label; `items` names what carries them
// ("Epics", "Issues").
void AddMigrationLabelFlags(CLI::App& app, MigrationLabels& options,
                            absl::string_view items);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_MIGRATION_LABELS_H_
