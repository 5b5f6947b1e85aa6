// The command line every collector shares: INPUTS, --mapping, the endpoint
// (--addr, --token-env, --tls-*), --dry-run, --allow-partial, --covered-through
// and --batch-size, and how a wrong command line ends (exit 2, as documented).
#ifndef TEAMLOAD_COLLECTORS_COMMON_FLAGS_H_
#define TEAMLOAD_COLLECTORS_COMMON_FLAGS_H_

#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "client/endpoint.h"

namespace teamload::collectors {

struct CollectorFlags {
  std::vector<std::string> inputs;
  std::string mapping_path;
  client::Endpoint endpoint;
  bool dry_run = false;
  bool allow_partial = false;
  std::string covered_through;
  int batch_size = 1000;
};

// Adds the flags above to `app` (--addr also from TEAMLOAD_ADDR).
void AddCollectorFlags(CLI::App& app, CollectorFlags& flags);

// Parses the command line. Returns the exit code when the collector should
// stop: 0 after --help, 2 (with CLI11's message) when the command line is
// wrong.
std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_FLAGS_H_
