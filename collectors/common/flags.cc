#include "collectors/common/flags.h"

#include "client/endpoint_flags.h"

namespace teamload::collectors {

std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;  // CLI11 reports through exceptions
  }
}

void AddCollectorFlags(CLI::App& app, CollectorFlags& flags) {
  app.add_option("INPUTS", flags.inputs, "Files, or folders of them")
      ->required();
  app.add_option("--mapping", flags.mapping_path,
                 "Team mapping YAML: which source objects belong to which team")
      ->required()
      ->check(CLI::ExistingFile);
  client::AddEndpointFlags(app, flags.endpoint);
  app.add_flag("--dry-run", flags.dry_run,
               "Print the signals as JSON lines (for teamloadctl ingest) "
               "instead of sending");
  app.add_flag(
      "--allow-partial", flags.allow_partial,
      "Exit 0 even when malformed, unmapped or rejected records were skipped");
  app.add_option("--covered-through", flags.covered_through,
                 "Coverage to report for every mapped team (RFC 3339); "
                 "default: the newest "
                 "record read");
  app.add_option("--batch-size", flags.batch_size,
                 "Signals and coverage heartbeats per request")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
}

}  // namespace teamload::collectors
