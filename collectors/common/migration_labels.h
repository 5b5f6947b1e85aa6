// Migrations told by labels, as Jira epics and GitHub issues carry them: an
// item carrying MigrationLabels::label is a migration, and it was looked
// back on when retro_label was added. Pure functions, and the flags that
// set them.
#ifndef TEAMLOAD_COLLECTORS_COMMON_MIGRATION_LABELS_H_
#define TEAMLOAD_COLLECTORS_COMMON_MIGRATION_LABELS_H_

#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace teamload::collectors {

struct MigrationLabels {
  std::string label;  // empty: nothing is a migration
  std::string retro_label = "retrospective-done";
};

// Whether `labels` make the item a migration.
bool IsMigration(const std::vector<std::string>& labels,
                 const MigrationLabels& options);

// When the migration was looked back on: `added_at` (when retro_label was
// last added, InfiniteFuture when no history says) or else `fallback` (when
// the item was last updated) if it carries retro_label; InfiniteFuture, not
// looked back on, if it does not.
absl::Time LookedBackAt(const std::vector<std::string>& labels,
                        const MigrationLabels& options, absl::Time added_at,
                        absl::Time fallback);

// --migration-label and --retro-label; `items` names what carries them
// ("Epics", "Issues").
void AddMigrationLabelFlags(CLI::App& app, MigrationLabels& options,
                            absl::string_view items);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_MIGRATION_LABELS_H_
