// teamloadctl's commands. Each returns the process exit code and writes
// results to stdout, problems to stderr.
#ifndef TEAMLOAD_CLI_COMMANDS_H_
#define TEAMLOAD_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/rpc.h"
#include "client/endpoint.h"

namespace teamload::cli {

struct IngestOptions {
  client::Endpoint endpoint;
  std::string file;  // "-" reads standard input
  int batch_size = 1000;
};

// Sends every line of the file; exit 1 if any line was malformed or any
// signal rejected (the rest still goes in), 2 if the daemon could not take it.
int RunIngest(const IngestOptions& options);

// `teams`: every team as a table (or JSON).
int RunTeams(const Daemon& daemon, bool json);

// `team NAME`: one team in detail (or JSON).
int RunTeam(const Daemon& daemon, const std::string& name, bool json);

// `narrative TEAM`: the team's story as Markdown (or JSON); as_of "" = now.
int RunNarrative(const Daemon& daemon, const std::string& team,
                 const std::string& as_of, bool json);

// `narratives`: every team's headline; min_level "", "info", "watch" or
// "attention".
int RunNarratives(const Daemon& daemon, const std::string& as_of,
                  const std::string& min_level, bool json);

// `themes`: qualitative themes across teams.
int RunThemes(const Daemon& daemon, const std::string& as_of, bool json);

// `token new`: prints a fresh token once, and the config line with its
// digest. `teams` is empty for the metrics role.
int RunTokenNew(const std::string& name, const std::string& role,
                const std::vector<std::string>& teams);

// `report NAME`: a configured report rendered now (or as of `as_of`). With
// `out_dir`, writes NAME-DATE.md and NAME-DATE.html there and prints their
// paths; without, prints the Markdown.
int RunReport(const Daemon& daemon, const std::string& name,
              const std::string& as_of, const std::string& out_dir);

// `erase`: removes every revision of a respondent's survey notes (or of
// one signal) from the daemon's store and memory; admin tokens only.
// Exactly one of `respondent` and `signal_id` is set.
int RunErase(const Daemon& daemon, const std::string& respondent,
             const std::string& signal_id, bool json);

struct AnnotateOptions {
  std::string team;
  std::string text;
  std::string at;      // --at; "" = now
  std::string author;  // "" = the token's name
  std::string id;      // set: correct this annotation
  bool json = false;
};

// `annotate TEAM TEXT`: records what people know about the team's week
// (context in its narrative, never evidence); with --id, corrects one of
// the caller's own.
int RunAnnotate(const Daemon& daemon, const AnnotateOptions& options);

}  // namespace teamload::cli

#endif  // TEAMLOAD_CLI_COMMANDS_H_
