// Test helpers for the detectors: a team and a history built by hand,
// in the team's own time zone. Test-only.
#ifndef TEAMLOAD_DAEMON_ANALYSIS_TESTING_H_
#define TEAMLOAD_DAEMON_ANALYSIS_TESTING_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "daemon/analysis/detector.h"
#include "daemon/themes/reader.h"

namespace teamload::analysis::testing {

// Thursday 2026-11-26 12:00 in Europe/Berlin: as_of for most tests.
inline absl::TimeZone Berlin() {
  absl::TimeZone zone;
  absl::LoadTimeZone("Europe/Berlin", &zone);
  return zone;
}
inline absl::Time Local(int y, int mo, int d, int h, int mi = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), Berlin());
}
inline const absl::Time kAsOf = Local(2026, 11, 26, 12);

inline config::TeamConfig Team(int oncall_size = 4) {
  return config::WithZone({.name = "payments",
                           .timezone = "Europe/Berlin",
                           .oncall_size = oncall_size,
                           .expected_sources = {"pagerduty", "oops"}});
}

class HistoryBuilder {
 public:
  HistoryBuilder& Page(absl::Time at, bool high = false) {
    history_.AddPage(absl::StrCat("pd:", ++n_), at, high);
    return *this;
  }
  // `count` (at most 14) daytime pages in week `week` (0 = the 7 days up to
  // kAsOf): two a day at 13:00 and 15:00 local, so no 12-hour shift gets
  // more than 2 and none falls in sleep hours.
  HistoryBuilder& DaytimePages(int week, int count) {
    const absl::Time start = kAsOf - kWeek * (week + 1) + absl::Hours(1);
    for (int i = 0; i < count; ++i)
      Page(start + absl::Hours(24 * (i / 2) + 2 * (i % 2)));
    return *this;
  }
  // Its title is read for write-up themes with the built-in ones.
  HistoryBuilder& Oops(absl::Time at,
                       absl::Time written = absl::InfiniteFuture(),
                       std::string title = "near miss") {
    const themes::ThemeSet raised =
        themes::Reader::Builtin().Read(config::ThemeSource::kWriteup, title);
    history_.oopses.push_back(
        {absl::StrCat("oops:", ++n_), at, written, std::move(title), raised});
    return *this;
  }
  HistoryBuilder& Deferral(std::string item, absl::Time at, int times,
                           absl::Time resolved = absl::InfiniteFuture()) {
    history_.deferrals.push_back(
        {absl::StrCat("jira:", item), at, item, "a chore", times, resolved});
    return *this;
  }
  // Its text is read for survey themes with the built-in ones.
  HistoryBuilder& Note(std::string survey, std::string respondent,
                       std::string text, int score = 3,
                       absl::Time at = kAsOf - absl::Hours(24)) {
    const themes::ThemeSet raised =
        themes::Reader::Builtin().Read(config::ThemeSource::kSurvey, text);
    history_.survey_notes.push_back(
        {absl::StrCat("survey:", survey, ":", respondent, ":", ++n_), at,
         std::move(survey), std::move(respondent), "q", std::move(text), score,
         raised});
    return *this;
  }
  // A migration "mig:<name>" started at `started`.
  HistoryBuilder& Migration(std::string name, absl::Time started,
                            absl::Time planned_end = absl::InfiniteFuture(),
                            absl::Time finished = absl::InfiniteFuture(),
                            absl::Time retro = absl::InfiniteFuture()) {
    history_.migrations.push_back({.id = absl::StrCat("mig:", name),
                                   .occurred_at = started,
                                   .planned_end = planned_end,
                                   .finished_at = finished,
                                   .retro_written_at = retro,
                                   .name = name,
                                   .title = absl::StrCat("Move to ", name)});
    return *this;
  }
  // `count` deploys in week `week` (0 = the 7 days up to kAsOf), the first
  // `failures` of them change failures.
  HistoryBuilder& Deploys(int week, int count, int failures = 0) {
    const absl::Time start = kAsOf - kWeek * (week + 1) + absl::Hours(1);
    for (int i = 0; i < count; ++i) {
      const std::string id = absl::StrCat("deploy:", ++n_);
      history_.deploys.push_back(
          {.occurred_s = static_cast<uint32_t>(
               absl::ToUnixSeconds(start + absl::Minutes(30) * i)),
           .id_offset = static_cast<uint32_t>(history_.deploy_ids.size()),
           .id_size = static_cast<uint16_t>(id.size()),
           .caused_incident = i < failures});
      history_.deploy_ids += id;
    }
    return *this;
  }
  HistoryBuilder& Annotation(absl::Time at, std::string text,
                             std::string author = "maria") {
    history_.annotations.push_back({absl::StrCat("annotation:", ++n_), at,
                                    std::move(text), std::move(author),
                                    "local"});
    return *this;
  }
  HistoryBuilder& Covered(std::string source, absl::Time through) {
    history_.covered_through[source] = through;
    return *this;
  }
  const model::TeamHistory& history() const { return history_; }

 private:
  model::TeamHistory history_;
  int n_ = 0;
};

}  // namespace teamload::analysis::testing

#endif  // TEAMLOAD_DAEMON_ANALYSIS_TESTING_H_
