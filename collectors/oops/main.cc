// teamload-oops: reads oops write-ups (Markdown with YAML front matter) and
// the Slack export of the channels where near misses are first mentioned,
// and sends one oops signal per near miss, written up or not, plus coverage
// heartbeats for every mapped team, to teamloadd.
#include <map>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "collectors/common/run_collector.h"
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

// Tells what became of every mention and write-up, and counts what was
// skipped or unmapped.
void ReportBuilt(const oops::OopsSignals& built, const oops::OopsReader& reader,
                 absl::string_view grace_text,
                 collectors::Collected& collected) {
  collectors::ReportSkipped(built.errors, collected);
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
      reader.mentions().size(), reader.not_mentions(), built.by_reference,
      built.by_team_date_and_title, built.writeups_alone, built.unwritten,
      built.unwritten_past_grace, grace_text);
}

}  // namespace

int main(int argc, char** argv) {
  std::string grace_text = "14d";
  absl::Duration grace;
  std::string zone_name = "UTC";
  std::unique_ptr<oops::OopsReader> reader;  // once --zone is known
  std::vector<oops::InputFile> inputs;
  std::map<std::string, const oops::InputFile*> by_path;
  return collectors::RunCollector(
      {
          .source = "oops",
          .description =
              "near misses to teamload oops signals.\n\n"
              "Reads write-ups (Markdown files whose YAML front matter has "
              "title, team, date, and optionally written_up, slack and url) "
              "and a Slack export of the channels where near misses are "
              "first mentioned (a folder per channel of YYYY-MM-DD.json "
              "files, and channels.json). Every top-level message a person "
              "posted is a mention: the oops slack:<channel>:<ts>, of the "
              "team the mapping's oops.channels gives its channel. A write-up "
              "revises its mention's signal with written_up_at; one without a "
              "mention is its own oops, oops:<path in its folder>. A write-up "
              "finds its mention by its `slack:` (<channel>/<ts> or a "
              "permalink), or else, among mentions of the same team posted "
              "from 2 days after its date back to --grace before it, the one "
              "sharing the most title words (then the closest in time). "
              "Write-ups name a team listed in the mapping's oops.teams. "
              "teamloadd calls a mention still without a write-up after the "
              "team's oops_writeup_days unwritten.",
          .examples = "  teamload-oops --mapping teams.yaml oops/writeups/ "
                      "exports/slack/oops-payments/ "
                      "exports/slack/channels.json\n",
          .add_flags =
              [&](CLI::App& app) {
                app.add_option("--grace", grace_text,
                               "How long after a mention its write-up may be "
                               "dated and still be matched without a "
                               "`slack:` reference (\"14d\", \"36h\"). The "
                               "default is teamloadd's default "
                               "oops_writeup_days: a write-up later than that "
                               "is late anyway, and should name its mention")
                    ->capture_default_str();
                app.add_option("--zone", zone_name,
                               "Time zone of front matter dates without one "
                               "(IANA name)")
                    ->capture_default_str();
              },
          .check_flags = [&](bool) -> absl::Status {
            if (!ParseGrace(grace_text, grace)) {
              return absl::InvalidArgumentError(absl::StrFormat(
                  "--grace: \"%s\" is not a positive duration (\"14d\", "
                  "\"36h\")",
                  grace_text));
            }
            absl::TimeZone zone;
            if (!absl::LoadTimeZone(zone_name, &zone)) {
              return absl::InvalidArgumentError(absl::StrFormat(
                  "--zone: unknown time zone \"%s\"", zone_name));
            }
            reader = std::make_unique<oops::OopsReader>(zone);
            return absl::OkStatus();
          },
          .list_inputs =
              [&](const std::vector<std::string>& names,
                  collectors::Collected& collected) {
                std::vector<collectors::RecordError> errors;
                inputs = oops::ListInputs(names, errors);
                collectors::ReportSkipped(errors, collected);
                std::vector<std::string> paths;
                for (const oops::InputFile& input : inputs) {
                  by_path[input.path] = &input;
                  paths.push_back(input.path);
                }
                return paths;
              },
          .read =
              [&](const std::string& text, const std::string& file,
                  collectors::Collected&) {
                return reader->Read(*by_path.at(file), text);
              },
          .emit =
              [&](const collectors::TeamMapping& mapping,
                  collectors::Collected& collected, collectors::Keep) {
                collected.records = reader->records();
                collected.newest = reader->newest();
                oops::OopsSignals built = oops::BuildSignals(
                    reader->mentions(), reader->writeups(), reader->channels(),
                    mapping, grace, reader->newest());
                ReportBuilt(built, *reader, grace_text, collected);
                collected.signals = std::move(built.signals);
              },
      },
      argc, argv);
}
