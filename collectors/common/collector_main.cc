#include "collectors/common/collector_main.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collectors/common/sink.h"
#include "collectors/common/timestamps.h"

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
  app.add_option("--addr", flags.address, "teamloadd's gRPC address")
      ->envname("TEAMLOAD_ADDR")
      ->capture_default_str();
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
  app.add_option("--batch-size", flags.batch_size, "Signals per request")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      const std::string& extension) {
  return ExpandInputs(inputs, std::vector<std::string>{extension});
}

std::vector<std::string> ExpandInputs(
    const std::vector<std::string>& inputs,
    const std::vector<std::string>& extensions) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    if (!fs::is_directory(input)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& entry : fs::recursive_directory_iterator(input)) {
      if (entry.is_regular_file() &&
          std::find(extensions.begin(), extensions.end(),
                    entry.path().extension().string()) != extensions.end()) {
        inside.push_back(entry.path().string());
      }
    }
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

std::optional<RecordError> ParseJson(simdjson::dom::parser& parser,
                                     absl::string_view json,
                                     absl::string_view name,
                                     simdjson::dom::element& doc) {
  if (auto error = parser.parse(json.data(), json.size()).get(doc)) {
    return RecordError{
        std::string(name),
        absl::StrCat("not valid JSON: ", simdjson::error_message(error))};
  }
  return std::nullopt;
}

void ReportSkipped(const std::vector<RecordError>& errors,
                   Collected& collected) {
  for (const RecordError& error : errors) {
    absl::FPrintF(stderr, "%s: skipped: %s\n", error.where, error.reason);
  }
  collected.malformed += static_cast<int64_t>(errors.size());
}

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

void KeepMapped(std::optional<teamload::v1::Signal> signal,
                absl::string_view unmapped_why, const CollectorFlags& flags,
                Collected& collected) {
  if (signal.has_value()) {
    collected.signals.push_back(*std::move(signal));
  } else if (!unmapped_why.empty()) {
    absl::FPrintF(stderr, "unmapped: %s belongs to no team in %s\n",
                  unmapped_why, flags.mapping_path);
    ++collected.unmapped;
  }
}

int Deliver(const std::string& collector, const std::string& source,
            const CollectorFlags& flags, const TeamMapping& mapping,
            const Collected& collected, bool complete) {
  const std::vector<std::string> coverage_teams =
      complete ? mapping.TeamsOf(source) : std::vector<std::string>{};
  absl::Time through = collected.newest;
  if (!flags.covered_through.empty()) {
    absl::StatusOr<absl::Time> t = ParseTimestamp(flags.covered_through);
    if (!t.ok()) {
      absl::FPrintF(stderr, "%s: --covered-through: %s\n", collector,
                    t.status().message());
      return 2;
    }
    through = *t;
  }
  std::unique_ptr<Sink> sink =
      flags.dry_run ? DryRunSink()
                    : DaemonSink(flags.address, flags.batch_size);
  const auto failed = [&](const absl::Status& s) {
    absl::FPrintF(stderr, "%s: %s: %s\n", collector, flags.address,
                  s.message());
    return 2;
  };
  for (const auto& signal : collected.signals) {
    if (absl::Status s = sink->Add(signal); !s.ok()) return failed(s);
  }
  // Every mapped team was looked at, even one without records: for it, no
  // records means calm, not blind.
  if (through != absl::InfinitePast()) {
    for (const std::string& team : coverage_teams) {
      teamload::v1::Coverage coverage;
      coverage.set_source(source);
      coverage.set_team(team);
      coverage.mutable_covered_through()->set_seconds(
          absl::ToUnixSeconds(through));
      if (absl::Status s = sink->Add(coverage); !s.ok()) return failed(s);
    }
  }
  if (absl::Status s = sink->Flush(); !s.ok()) return failed(s);
  absl::FPrintF(
      stderr,
      "%s: %d %s, %d records, %d signals (%s), %d unmapped, %d malformed; "
      "coverage: %s\n",
      collector, collected.files,
      collected.pages_from_api ? "API pages" : "files", collected.records,
      collected.signals.size(), sink->Summary(), collected.unmapped,
      collected.malformed,
      through == absl::InfinitePast()
          ? "none sent (no records and no --covered-through)"
          : absl::StrFormat("%d teams through %s", coverage_teams.size(),
                            absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", through,
                                             absl::UTCTimeZone())));
  const bool skipped =
      collected.malformed > 0 || collected.unmapped > 0 || sink->rejected() > 0;
  if (!complete) return 2;
  return skipped && !flags.allow_partial ? 1 : 0;
}

}  // namespace teamload::collectors
