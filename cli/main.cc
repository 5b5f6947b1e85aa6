// teamloadctl: the operator's client for teamloadd.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli/commands.h"
#include "client/endpoint_flags.h"

int main(int argc, char** argv) {
  CLI::App app{"teamloadctl: talk to a running teamloadd."};
  app.require_subcommand(1);
  teamload::client::Endpoint endpoint;
  teamload::client::AddEndpointFlags(app, endpoint);
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
      ->add_option("--batch-size", ingest.batch_size,
                   "Signals and heartbeats per request")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();

  CLI::App* teams_cmd =
      app.add_subcommand("teams", "List every team and what is known of it");
  teams_cmd->add_flag("--json", json, "Print JSON instead of a table");

  std::string team_name;
  CLI::App* team_cmd = app.add_subcommand("team", "Show one team");
  team_cmd->add_option("NAME", team_name, "Team name")->required();
  team_cmd->add_flag("--json", json, "Print JSON instead of a table");

  std::string as_of;
  std::string narrative_team;
  CLI::App* narrative_cmd = app.add_subcommand(
      "narrative",
      "Print one team's story: findings, blind spots and questions (Markdown)");
  narrative_cmd->add_option("TEAM", narrative_team, "Team name")->required();
  narrative_cmd->add_option(
      "--as-of", as_of,
      "Tell it as of this moment (2026-11-27 or RFC 3339); default now");
  narrative_cmd->add_flag("--json", json,
                          "Print the Narrative message as JSON");

  std::string min_level;
  CLI::App* narratives_cmd = app.add_subcommand(
      "narratives", "Print every team's headline and findings by level");
  narratives_cmd->add_option("--as-of", as_of,
                             "Tell them as of this moment; default now");
  narratives_cmd
      ->add_option("--min-level", min_level,
                   "Only teams with a finding at or above this level")
      ->check(CLI::IsMember({"info", "watch", "attention"}));
  narratives_cmd->add_flag("--json", json, "Print JSON instead of a table");

  CLI::App* themes_cmd = app.add_subcommand(
      "themes", "Print qualitative themes raised across teams' surveys");
  themes_cmd->add_option("--as-of", as_of, "As of this moment; default now");
  themes_cmd->add_flag("--json", json, "Print JSON instead of a table");

  std::string report_name;
  std::string out_dir;
  CLI::App* report_cmd = app.add_subcommand(
      "report",
      "Render a report from the config's reports: (the overview of where the "
      "pressure is, then each team's story) as Markdown and HTML");
  report_cmd->add_option("NAME", report_name, "Report name")->required();
  report_cmd->add_option("--as-of", as_of,
                         "Render it as of this moment (2026-11-30 or RFC "
                         "3339); default now");
  report_cmd->add_option("--out", out_dir,
                         "Write NAME-DATE.md and NAME-DATE.html into this "
                         "folder instead of printing the Markdown");

  std::string token_name;
  std::string token_role;
  std::vector<std::string> token_teams;
  CLI::App* token_cmd = app.add_subcommand(
      "token", "Make bearer tokens for teamloadd's auth.tokens");
  token_cmd->require_subcommand(1);
  CLI::App* token_new_cmd = token_cmd->add_subcommand(
      "new",
      "Print a fresh token once, and the config line with its SHA-256 digest "
      "(teamloadd keeps only the digest). Talks to no daemon.");
  token_new_cmd
      ->add_option("--role", token_role,
                   "collector (ingest), reader (teams, narratives, themes, "
                   "reports), admin (everything) or metrics (/metrics only)")
      ->required()
      ->check(CLI::IsMember({"collector", "reader", "admin", "metrics"}));
  token_new_cmd
      ->add_option("--teams", token_teams,
                   "Teams in scope: names, prefixes (payments-*) or '*'; "
                   "repeat or separate with commas. Not for metrics.")
      ->delimiter(',');
  token_new_cmd->add_option(
      "--name", token_name,
      "Who holds it, for logs and the audit log (default: ROLE-DIGEST8)");

  std::string erase_respondent;
  std::string erase_signal;
  CLI::App* erase_cmd = app.add_subcommand(
      "erase",
      "Remove every revision of a respondent's survey notes (in every team) "
      "or of one signal from teamloadd's store and memory, for good: no "
      "narrative shows them again, whatever its --as-of. Needs an admin "
      "token. Prints how many signals and revisions went; teamloadd logs "
      "what was asked and the counts, never the content.");
  CLI::Option* respondent_option = erase_cmd->add_option(
      "--respondent", erase_respondent,
      "The respondent's pseudonym as the survey collector sent it "
      "(SurveyNote.respondent)");
  CLI::Option* signal_option =
      erase_cmd->add_option("--signal", erase_signal, "One signal's id");
  respondent_option->excludes(signal_option);
  erase_cmd->add_flag("--json", json, "Print the counts as JSON");

  teamload::cli::AnnotateOptions annotate;
  CLI::App* annotate_cmd = app.add_subcommand(
      "annotate",
      "Note what people know about a team's week (a reorg, a launch, someone "
      "on leave). Its narrative lists it under Context for 9 weeks, never as "
      "evidence; reports and Grafana mark it. Needs a reader or admin token "
      "for the team. Sending the same note again changes nothing.");
  annotate_cmd->add_option("TEAM", annotate.team, "The team")->required();
  annotate_cmd->add_option("TEXT", annotate.text, "One line, at most 500 bytes")
      ->required();
  annotate_cmd->add_option("--at", annotate.at,
                           "When it happened (2026-11-30 or RFC 3339); "
                           "default now");
  annotate_cmd->add_option("--author", annotate.author,
                           "Who says so; default the token's name");
  annotate_cmd->add_option(
      "--id", annotate.id,
      "Correct this annotation instead (only its author, with the same "
      "token, may)");
  annotate_cmd->add_flag("--json", annotate.json, "Print the answer as JSON");

  app.footer(
      "\nExamples:\n"
      "  teamloadctl ingest samples/signals.jsonl\n"
      "  teamloadctl --addr 10.0.0.5:7070 teams\n"
      "  teamloadctl team payments --json\n"
      "  teamloadctl narrative payments --as-of 2026-11-01\n"
      "  teamloadctl narratives --min-level watch\n"
      "  teamloadctl report weekly-platform --out reports/\n"
      "  teamloadctl token new --role reader --teams 'payments-*'\n"
      "  teamloadctl erase --respondent 3f9a0c...   (admin token)\n"
      "  teamloadctl annotate payments \"reorg: two people moved to "
      "platform\" --at 2026-11-23\n"
      "  TEAMLOAD_TOKEN=tl_... teamloadctl --addr teamload.internal:7070 \\\n"
      "      --tls-ca ca.crt narratives\n");
  CLI11_PARSE(app, argc, argv);

  if (*erase_cmd && erase_respondent.empty() && erase_signal.empty()) {
    std::fprintf(stderr,
                 "teamloadctl erase: say what to erase: --respondent HASH or "
                 "--signal ID\n");
    return 2;
  }
  if (*token_cmd) {
    return teamload::cli::RunTokenNew(token_name, token_role, token_teams);
  }
  if (*ingest_cmd) {
    ingest.endpoint = endpoint;
    return teamload::cli::RunIngest(ingest);
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      teamload::client::Connect(endpoint);
  if (!channel.ok()) {
    std::fprintf(stderr, "teamloadctl: %s\n",
                 std::string(channel.status().message()).c_str());
    return 2;
  }
  const teamload::cli::Daemon daemon{endpoint.address, *std::move(channel)};
  if (*teams_cmd) return teamload::cli::RunTeams(daemon, json);
  if (*team_cmd) return teamload::cli::RunTeam(daemon, team_name, json);
  if (*narrative_cmd)
    return teamload::cli::RunNarrative(daemon, narrative_team, as_of, json);
  if (*narratives_cmd)
    return teamload::cli::RunNarratives(daemon, as_of, min_level, json);
  if (*report_cmd)
    return teamload::cli::RunReport(daemon, report_name, as_of, out_dir);
  if (*annotate_cmd) return teamload::cli::RunAnnotate(daemon, annotate);
  if (*erase_cmd) {
    return teamload::cli::RunErase(daemon, erase_respondent, erase_signal,
                                   json);
  }
  return teamload::cli::RunThemes(daemon, as_of, json);
}
