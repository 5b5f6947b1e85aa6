#include "daemon/analysis/migration_load.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/analysis/trend.h"

namespace teamload::analysis {
namespace {

using model::MigrationFact;

constexpr int kUsualWeeks = 26;
constexpr int kRecentWeeks = 4;  // left out of "usual", and the trend's span

int InFlightAt(const model::TeamHistory& history, absl::Time t) {
  int n = 0;
  for (const MigrationFact& m : history.migrations) n += m.InFlightAt(t);
  return n;
}

std::string Label(const MigrationFact& m) {
  return m.title.empty() ? m.name : absl::StrCat("\"", m.title, "\"");
}

int DaysBetween(absl::Time from, absl::Time to) {
  return static_cast<int>((to - from) / absl::Hours(24));
}

// Sorted by `key`, then id, so the first is the one to name.
template <typename Key>
void SortBy(std::vector<const MigrationFact*>& facts, Key key) {
  std::sort(facts.begin(), facts.end(), [&](auto* a, auto* b) {
    return std::make_tuple(key(*a), a->id) < std::make_tuple(key(*b), b->id);
  });
}

}  // namespace

absl::Duration RetroGrace(const config::AnalysisConfig& config) {
  return absl::Hours(24) * config.migration_retro_days;
}

MigrationsFinished FinishedMigrations(const model::TeamHistory& history,
                                      absl::Time as_of) {
  const absl::Time from = as_of - kMigrationPeriodWeeks * kWeek;
  MigrationsFinished result;
  for (const MigrationFact& m : history.migrations) {
    if (m.finished_at <= from || m.finished_at > as_of) continue;
    ++result.finished;
    result.looked_back_on += m.retro_written_at <= as_of;
  }
  return result;
}

void DetectMigrationLoad(const DetectorInput& in, Findings& out) {
  if (in.history.migrations.empty()) return;
  const config::AnalysisConfig& cfg = in.team.analysis;
  const absl::Duration grace = RetroGrace(cfg);
  std::vector<const MigrationFact*> in_flight, overdue, unreviewed;
  for (const MigrationFact& m : in.history.migrations) {
    if (m.InFlightAt(in.as_of)) in_flight.push_back(&m);
    if (m.OverdueAt(in.as_of)) overdue.push_back(&m);
    if (m.UnreviewedAt(in.as_of, grace)) unreviewed.push_back(&m);
  }
  std::vector<double> past;
  for (int k = 0; k < kUsualWeeks; ++k) {
    past.push_back(
        InFlightAt(in.history, in.as_of - (kRecentWeeks + k) * kWeek));
  }
  const double usual = Median(past);
  const int now = static_cast<int>(in_flight.size());
  const int before = InFlightAt(in.history, in.as_of - kRecentWeeks * kWeek);
  const int oncall = in.team.oncall_size;
  const bool crowded = now >= 2 && oncall > 0 && 2 * now > oncall;
  const bool above_usual = now > usual;

  teamload::v1::Level level = teamload::v1::LEVEL_UNSPECIFIED;
  if (crowded && (above_usual || !overdue.empty())) {
    level = teamload::v1::LEVEL_ATTENTION;
  } else if (crowded || !overdue.empty() || !unreviewed.empty()) {
    level = teamload::v1::LEVEL_WATCH;
  }
  if (level == teamload::v1::LEVEL_UNSPECIFIED) return;

  // The longest overdue first; the longest unreviewed first.
  SortBy(overdue, [](const MigrationFact& m) { return m.planned_end; });
  SortBy(unreviewed, [](const MigrationFact& m) { return m.finished_at; });
  SortBy(in_flight, [](const MigrationFact& m) { return m.occurred_at; });

  std::vector<std::string> parts;
  if (now > 0) {
    std::string part =
        absl::StrFormat("%s in flight (usually %s over the half year before)",
                        Count(now, "migration", "migrations"), Number(usual));
    if (oncall > 0) {
      absl::StrAppendFormat(&part, " for an on-call rotation of %d", oncall);
    }
    parts.push_back(std::move(part));
  }
  if (!overdue.empty()) {
    const MigrationFact& m = *overdue.front();
    parts.push_back(absl::StrFormat(
        "%s past the planned end (longest: %s, %d days past %s)",
        Count(static_cast<int64_t>(overdue.size()), "is", "are"), Label(m),
        DaysBetween(m.planned_end, in.as_of),
        Day(m.planned_end, in.team.zone)));
  }
  if (!unreviewed.empty()) {
    const MigrationFact& m = *unreviewed.front();
    parts.push_back(absl::StrFormat(
        "%s finished with no retrospective after %d days (oldest: %s, "
        "finished %s)",
        Count(static_cast<int64_t>(unreviewed.size()), "migration",
              "migrations"),
        cfg.migration_retro_days, Label(m), Day(m.finished_at, in.team.zone)));
  }
  std::string summary = absl::StrJoin(parts, "; ");
  summary[0] = absl::ascii_toupper(static_cast<unsigned char>(summary[0]));
  summary += ".";

  std::string gist;
  if (crowded) {
    gist = absl::StrFormat("%d migrations in flight for %d people on call", now,
                           oncall);
  } else if (!overdue.empty()) {
    gist = absl::StrFormat("%s past the planned end",
                           Count(static_cast<int64_t>(overdue.size()),
                                 "migration is", "migrations are"));
  } else {
    gist = absl::StrFormat("%s not looked back on",
                           Count(static_cast<int64_t>(unreviewed.size()),
                                 "finished migration", "finished migrations"));
  }
  teamload::v1::Finding finding =
      MakeFinding("migration_load", teamload::v1::BOUNDARY_WORKLOAD, level,
                  now > before   ? teamload::v1::TREND_RISING
                  : now < before ? teamload::v1::TREND_FALLING
                                 : teamload::v1::TREND_STEADY,
                  std::move(summary), gist);
  // What to look back on first (the questions name it), then what is late,
  // then the rest in flight.
  std::vector<const MigrationFact*> cited;
  for (const auto* group : {&unreviewed, &overdue, &in_flight}) {
    for (const MigrationFact* m : *group) {
      if (std::find(cited.begin(), cited.end(), m) == cited.end())
        cited.push_back(m);
    }
  }
  for (std::size_t i = 0; i < cited.size() && i < 10; ++i) {
    finding.mutable_evidence()->add_signal_ids(cited[i]->id);
  }
  AddFigure(finding, "migrations_in_flight", now, "migrations");
  AddFigure(finding, "migrations_in_flight_4_weeks_ago", before, "migrations");
  AddFigure(finding, "migrations_in_flight_usual", usual, "migrations");
  AddFigure(finding, "oncall_size", oncall, "people");
  AddFigure(finding, "overdue_migrations", static_cast<double>(overdue.size()),
            "migrations");
  AddFigure(finding, "migrations_without_retrospective",
            static_cast<double>(unreviewed.size()), "migrations");
  out.push_back(std::move(finding));
}

}  // namespace teamload::analysis
