// teamload-oops: reads oops write-ups (Markdown with YAML front matter) and
// the Slack export of the channels where near misses are first mentioned,
// and sends one oops signal per near miss, written up or not, plus coverage
// heartbeats for every mapped team, to teamloadd.
#include <map>

#include "CLI/CLI.hpp"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "collectors/common/collector_main.h"
#include "collectors/common/team_mapping.h"
#include "collectors/oops/inputs.h"
#include "collectors/oops/reader.h"
#include "collectors/oops/signals.h"

namespace {

namespace collectors = teamload::collectors;
namespace oops = teamload::collectors::oops;

// "14d", or any absl duration ("36h").
bool ParseGrace(absl::string_view text, absl::Duration& grace) {
  int days = 0;
  if (absl::ConsumeSuffix(&text, "d")) {
    if (!absl::SimpleAtoi(text, &days)) return false;
    grace = absl::Hours(24) * days;
  } else if (!absl::ParseDuration(text, &grace)) {
    return false;
  }
  return grace > absl::ZeroDuration();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "teamload-oops: near misses to teamload oops signals.\n\n"
      "Reads write-ups (Markdown files whose YAML front matter has title, "
      "team, date, and optionally written_up, slack and url) and a Slack "
      "export of the channels where near misses are first mentioned (a "
      "folder per channel of YYYY-MM-DD.json files, and channels.json). "
      "Every top-level message a person posted is a mention: the oops "
      "slack:<channel>:<ts>, of the team the mapping's oops.channels gives "
      "its channel. A write-up revises its mention's signal with "
      "written_up_at; one without a mention is its own oops, "
      "oops:<path in its folder>. A write-up finds its mention by its "
      "`slack:` (<channel>/<ts> or a permalink), or else, among mentions "
      "of the same team posted from 2 days after its date back to --grace "
      "before it, the one sharing the most title words (then the closest "
      "in time). Write-ups name a team listed in the mapping's oops.teams. "
      "teamloadd calls a mention still without a write-up after the team's "
      "oops_writeup_days unwritten."};
  collectors::CollectorFlags flags;
  collectors::AddCollectorFlags(app, flags);
  std::string grace_text = "14d";
  app.add_option(
         "--grace", grace_text,
         "How long after a mention its write-up may be dated and still be "
         "matched without a `slack:` reference (\"14d\", \"36h\"). The "
         "default is teamloadd's default oops_writeup_days: a write-up "
         "later than that is late anyway, and should name its mention")
      ->capture_default_str();
  std::string zone_name = "UTC";
  app.add_option("--zone", zone_name,
                 "Time zone of front matter dates without one (IANA name)")
      ->capture_default_str();
  app.footer(
      "\nExample:\n  teamload-oops --mapping teams.yaml oops/writeups/ "
      "exports/slack/oops-payments/ exports/slack/channels.json\n");
  if (auto exit_code = collectors::ParseCommandLine(app, argc, argv))
    return *exit_code;

  absl::Duration grace;
  if (!ParseGrace(grace_text, grace)) {
    absl::FPrintF(stderr,
                  "teamload-oops: --grace: \"%s\" is not a positive duration "
                  "(\"14d\", \"36h\")\n",
                  grace_text);
    return 2;
  }
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(zone_name, &zone)) {
    absl::FPrintF(stderr, "teamload-oops: --zone: unknown time zone \"%s\"\n",
                  zone_name);
    return 2;
  }
  absl::StatusOr<collectors::TeamMapping> mapping =
      collectors::TeamMapping::Load(flags.mapping_path);
  if (!mapping.ok()) {
    absl::FPrintF(stderr, "teamload-oops: %s\n", mapping.status().message());
    return 2;
  }

  collectors::Collected collected;
  std::vector<collectors::RecordError> input_errors;
  const std::vector<oops::InputFile> inputs =
      oops::ListInputs(flags.inputs, input_errors);
  for (const auto& error : input_errors) {
    absl::FPrintF(stderr, "%s: skipped: %s\n", error.where, error.reason);
  }
  collected.malformed += static_cast<int64_t>(input_errors.size());

  std::map<std::string, const oops::InputFile*> by_path;
  std::vector<std::string> paths;
  for (const oops::InputFile& input : inputs) {
    by_path[input.path] = &input;
    paths.push_back(input.path);
  }
  oops::OopsReader reader(zone);
  collectors::ReadFiles(
      paths,
      [&](const std::string& text, const std::string& file) {
        return reader.Read(*by_path.at(file), text);
      },
      collected);
  collected.records = reader.records();
  collected.newest = reader.newest();

  const std::vector<oops::Mention> mentions = reader.mentions();
  oops::OopsSignals built =
      oops::BuildSignals(mentions, reader.writeups(), reader.channels(),
                         *mapping, grace, reader.newest());
  for (const auto& error : built.errors) {
    absl::FPrintF(stderr, "%s: skipped: %s\n", error.where, error.reason);
  }
  collected.malformed += static_cast<int64_t>(built.errors.size());
  for (const std::string& why : built.unmapped) {
    absl::FPrintF(stderr, "unmapped: %s\n", why);
  }
  collected.unmapped += built.unmapped_records;
  for (const std::string& note : built.notes) {
    absl::FPrintF(stderr, "note: %s\n", note);
  }
  absl::FPrintF(
      stderr,
      "teamload-oops: %d mentions (%d messages were not mentions); written "
      "up: %d by slack: reference, %d by team, date and title; %d write-ups "
      "without a mention; %d mentions not written up, %d of them posted "
      "more than --grace %s before the newest record\n",
      mentions.size(), reader.not_mentions(), built.by_reference,
      built.by_team_date_and_title, built.writeups_alone, built.unwritten,
      built.unwritten_past_grace, grace_text);
  collected.signals = std::move(built.signals);
  return collectors::Deliver("teamload-oops", "oops", flags, *mapping,
                             collected);
}
