// teamloadctl: the operator's client for teamloadd.
#include <cstdlib>
#include <string>

#include "CLI/CLI.hpp"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"teamloadctl: talk to a running teamloadd."};
  app.require_subcommand(1);
  std::string address = "127.0.0.1:7070";
  app.add_option("--addr", address, "teamloadd's gRPC address, HOST:PORT")
      ->envname("TEAMLOAD_ADDR")
      ->capture_default_str();
  bool json = false;

  teamload::cli::IngestOptions ingest;
  CLI::App* ingest_cmd = app.add_subcommand(
      "ingest",
      "Send signals from a JSON-lines file (one teamload.v1.Signal or Coverage "
      "per line, "
      "proto3 JSON mapping). Malformed lines are reported with their line "
      "number and "
      "skipped; exit 1 if any line was skipped or rejected.");
  ingest_cmd->add_option("FILE", ingest.file, "JSON-lines file, or - for stdin")
      ->required();
  ingest_cmd
      ->add_option("--batch-size", ingest.batch_size, "Signals per request")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();

  CLI::App* teams_cmd =
      app.add_subcommand("teams", "List every team and what is known of it");
  teams_cmd->add_flag("--json", json, "Print JSON instead of a table");

  std::string team_name;
  CLI::App* team_cmd = app.add_subcommand("team", "Show one team");
  team_cmd->add_option("NAME", team_name, "Team name")->required();
  team_cmd->add_flag("--json", json, "Print JSON instead of a table");

  app.footer(
      "\nExamples:\n"
      "  teamloadctl ingest samples/signals.jsonl\n"
      "  teamloadctl --addr 10.0.0.5:7070 teams\n"
      "  teamloadctl team payments --json\n");
  CLI11_PARSE(app, argc, argv);

  if (*ingest_cmd) {
    ingest.address = address;
    return teamload::cli::RunIngest(ingest);
  }
  if (*teams_cmd) return teamload::cli::RunTeams(address, json);
  return teamload::cli::RunTeam(address, team_name, json);
}
