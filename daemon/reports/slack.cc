#include "daemon/reports/slack.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "daemon/narrative/narrative.h"
#include "daemon/reports/changes.h"
#include "daemon/reports/overview.h"
#include "daemon/reports/slots.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "text/controls.h"

namespace teamload::reports {
namespace {

// A level in bold when it is pressure, as the heat table marks ATTENTION.
std::string Cell(const teamload::v1::Finding* finding) {
  if (finding == nullptr) return "-";
  std::string cell = LevelWord(finding->level());
  if (finding->level() >= teamload::v1::LEVEL_WATCH)
    cell = absl::StrCat("*", cell, "*");
  switch (finding->trend()) {
    case teamload::v1::TREND_RISING:
      return absl::StrCat(cell, ", rising");
    case teamload::v1::TREND_FALLING:
      return absl::StrCat(cell, ", falling");
    default:
      return cell;
  }
}

bool UnderPressure(const TeamSection& section) {
  return StrongestLevel(section.narrative) >= teamload::v1::LEVEL_WATCH;
}

std::string Plural(int n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

// Where the whole report is: the mail, the outbox, and the command that
// renders it again.
std::string FullReport(const config::ReportConfig& report, absl::Time as_of) {
  const std::string date = SlotDate(report.schedule, as_of);
  std::vector<std::string> files, outbox;
  for (auto [wanted, ext] :
       {std::pair{report.markdown, ".md"}, std::pair{report.html, ".html"}}) {
    if (!wanted) continue;
    files.push_back(absl::StrCat(report.name, "-", date, ext));
    outbox.push_back(absl::StrCat(report.name, "/", date, ext));
  }
  std::string where;
  if (!report.recipients.empty()) {
    where = absl::StrFormat("mailed to %s as %s, and ",
                            Plural(static_cast<int>(report.recipients.size()),
                                   "recipient", "recipients"),
                            absl::StrJoin(files, " and "));
  }
  return absl::StrFormat(
      "Full report: %sin teamloadd's outbox as %s. `teamloadctl report %s "
      "--as-of %s` renders it again.",
      where, absl::StrJoin(outbox, " and "), SlackText(report.name),
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", as_of, absl::UTCTimeZone()));
}

}  // namespace

std::string SlackText(absl::string_view text) {
  return absl::StrReplaceAll(text::ShowControls(text),
                             {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}});
}

std::string SlackDigest(const config::ReportConfig& report, absl::Time as_of,
                        const std::vector<TeamSection>& sections) {
  // The teams under pressure first, the strongest first; otherwise in the
  // report's order.
  std::vector<const TeamSection*> order;
  for (const TeamSection& section : sections) order.push_back(&section);
  std::stable_sort(order.begin(), order.end(),
                   [](const TeamSection* a, const TeamSection* b) {
                     return std::max(StrongestLevel(a->narrative),
                                     teamload::v1::LEVEL_INFO) >
                            std::max(StrongestLevel(b->narrative),
                                     teamload::v1::LEVEL_INFO);
                   });
  const int pressed = static_cast<int>(
      std::count_if(sections.begin(), sections.end(), UnderPressure));

  std::string text = absl::StrFormat(
      "*%s*\nAs of %s (%s), %s, %d under pressure.\n",
      SlackText(ReportTitle(report, as_of)),
      absl::FormatTime("%A %Y-%m-%d %H:%M", as_of, report.schedule.zone),
      SlackText(report.schedule.timezone),
      Plural(static_cast<int>(sections.size()), "team", "teams"), pressed);

  if (const std::optional<ReportChanges> changes =
          FindChanges(report, as_of, sections)) {
    absl::StrAppendFormat(&text, "\n*What changed since %s*\n",
                          absl::FormatTime("%A %Y-%m-%d %H:%M", changes->since,
                                           report.schedule.zone));
    const std::vector<std::string> lines =
        ChangeLines(*changes, {.escape = &SlackText, .strong = "*"});
    if (lines.empty()) absl::StrAppend(&text, kNothingChanged, "\n");
    for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
      if (i == kSlackChangesShown) {
        absl::StrAppendFormat(&text, "…and %s in the full report.\n",
                              Plural(static_cast<int>(lines.size()) - i,
                                     "more change", "more changes"));
        break;
      }
      absl::StrAppend(&text, "• ", lines[i], "\n");
    }
  }

  text += "\n*Where the pressure is*\n";
  for (int i = 0; i < static_cast<int>(order.size()); ++i) {
    if (i == kSlackTeamsShown) {
      const int rest = static_cast<int>(order.size()) - i;
      const int rest_pressed = static_cast<int>(std::count_if(
          order.begin() + i, order.end(),
          [](const TeamSection* s) { return UnderPressure(*s); }));
      absl::StrAppendFormat(&text,
                            "…and %s (%d under pressure) in the full "
                            "report.\n",
                            Plural(rest, "more team", "more teams"),
                            rest_pressed);
      break;
    }
    const TeamSection& section = *order[i];
    std::vector<std::string> cells;
    for (teamload::v1::Boundary boundary : kBoundaries) {
      cells.push_back(
          absl::StrCat(narrative::BoundaryName(boundary), " ",
                       Cell(StrongestFinding(section.narrative, boundary))));
    }
    absl::StrAppend(&text, "• *", SlackText(section.team),
                    "*: ", absl::StrJoin(cells, " · "), "\n");
    if (!section.narrative.headline().empty()) {
      absl::StrAppend(&text, "      ", SlackText(section.narrative.headline()),
                      "\n");
    }
  }
  absl::StrAppend(&text, "\n", FullReport(report, as_of), "\n");
  return text;
}

std::string SlackPayload(absl::string_view digest) {
  // The text as a JSON string by protobuf's own escaping; the object around
  // it by hand, so its keys keep one order (a Struct's map has none).
  google::protobuf::Value text;
  text.set_string_value(std::string(digest));
  std::string json;
  // A string Value always converts.
  (void)google::protobuf::util::MessageToJsonString(text, &json);
  return absl::StrCat("{\"text\":", json,
                      ",\"unfurl_links\":false,\"unfurl_media\":false}");
}

}  // namespace teamload::reports
