// teamload-migrations: reads the migration registers teams keep in their
// repositories (YAML, see register.h) and sends one migration signal per
// entry, plus coverage heartbeats for every mapped team, to teamloadd.
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "collectors/common/run_collector.h"
#include "collectors/migrations/register.h"

int main(int argc, char** argv) {
  namespace collectors = teamload::collectors;
  namespace migrations = teamload::collectors::migrations;
  std::string zone_name = "UTC";
  absl::TimeZone zone;
  std::vector<migrations::Migration> read;
  return collectors::RunCollector(
      {
          .source = "migrations",
          .description =
              "Migration registers (YAML) to teamload migration signals.\n\n"
              "A register is a file a team keeps in a repository:\n"
              "  team: payments\n"
              "  migrations:\n"
              "    - name: postgres-16\n"
              "      title: Move the ledger to PostgreSQL 16\n"
              "      started: 2026-03-02\n"
              "      planned_end: 2026-09-30\n"
              "      finished: 2026-10-12\n"
              "      retrospective: 2026-10-20\n"
              "      retrospective_url: https://wiki.example.com/pg16-retro\n"
              "name and started are required; finished absent means in "
              "flight. The mapping's migrations section maps each register's "
              "team to a teamload team (teams: [payments]).",
          .examples = "  teamload-migrations --mapping teams.yaml "
                      "payments/migrations.yaml\n"
                      "  teamload-migrations --mapping teams.yaml --zone "
                      "Europe/Berlin registers/\n",
          .extensions = {".yaml", ".yml"},
          .add_flags =
              [&](CLI::App& app) {
                app.add_option("--zone", zone_name,
                               "Time zone of the registers' dates")
                    ->capture_default_str();
              },
          .check_flags = [&](bool) -> absl::Status {
            if (!absl::LoadTimeZone(zone_name, &zone)) {
              return absl::InvalidArgumentError(
                  absl::StrFormat("--zone %s: unknown time zone", zone_name));
            }
            return absl::OkStatus();
          },
          .read =
              [&](const std::string& text, const std::string& file,
                  collectors::Collected& collected) {
                migrations::ParseResult parsed =
                    migrations::ParseRegister(text, file, zone);
                collected.records +=
                    static_cast<int64_t>(parsed.migrations.size());
                for (auto& m : parsed.migrations) read.push_back(std::move(m));
                // A register is the team's whole list as it is read: it
                // covers the team through now, not through its last date.
                collected.newest = std::max(collected.newest, absl::Now());
                return parsed.errors;
              },
          .emit =
              [&](const collectors::TeamMapping& mapping,
                  collectors::Collected&, collectors::Keep keep) {
                collectors::KeepEach(read, mapping, keep, migrations::ToSignal);
              },
      },
      argc, argv);
}
