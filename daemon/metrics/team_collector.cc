#include "daemon/metrics/team_collector.h"

#include <algorithm>

#include "daemon/analysis/analyze.h"
#include "daemon/analysis/time_bands.h"
#include "daemon/model/kind.h"
#include "daemon/narrative/narrative.h"

namespace teamload::metrics {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

constexpr absl::Duration kRecent = absl::Hours(24 * 7);
static_assert(analysis::kTimeBands == 3);  // TeamSnapshot's arrays
// Teams refresh after kRefreshAfter plus up to kSpread - 1 64ths of it, so
// about one team in 64 comes due together.
constexpr int kSpread = 64;

MetricFamily Gauges(const char* name, const char* help) {
  return MetricFamily{.name = name, .help = help, .type = MetricType::Gauge};
}

void AddGauge(MetricFamily& family, std::vector<ClientMetric::Label> labels,
              double value) {
  ClientMetric metric;
  metric.label = std::move(labels);
  metric.gauge.value = value;
  family.metric.push_back(std::move(metric));
}

template <typename Fact>
int64_t CountRecent(const std::vector<Fact>& facts, absl::Time from,
                    absl::Time to) {
  return std::count_if(facts.begin(), facts.end(), [&](const Fact& f) {
    return f.occurred_at > from && f.occurred_at <= to;
  });
}

// Pages and deploys keep whole seconds.
template <typename Fact>
requires requires(const Fact& f) { f.occurred_s; }
int64_t CountRecent(const std::vector<Fact>& facts, absl::Time from,
                    absl::Time to) {
  const int64_t from_s = absl::ToUnixSeconds(from),
                to_s = absl::ToUnixSeconds(to);
  return std::count_if(facts.begin(), facts.end(), [&](const auto& p) {
    return p.occurred_s > from_s && p.occurred_s <= to_s;
  });
}

}  // namespace

TeamCollector::TeamSnapshot TeamCollector::Snapshot(
    const config::TeamConfig& team, const model::TeamHistory& history,
    absl::Time as_of) {
  const analysis::Analysis analysis = analysis::Analyze(team, history, as_of);
  TeamSnapshot snap;
  snap.computed = true;
  snap.changes = history.changes;
  snap.as_of = as_of;
  const absl::Time from = as_of - kRecent;
  const auto kind = [](model::Kind k) { return static_cast<int>(k); };
  // pager_load's own last 7 days, (as_of - 7 days, as_of] like kRecent.
  const analysis::PageLoad& pages = analysis.looked_at.last_7_days;
  snap.recent_signals[kind(model::Kind::kPage)] = pages.pages;
  snap.recent_interruptions = pages.interruptions.by_band;
  snap.recent_disrupted_hours = pages.disrupted_hours.by_band;
  snap.recent_signals[kind(model::Kind::kOops)] =
      CountRecent(history.oopses, from, as_of);
  snap.recent_signals[kind(model::Kind::kDeferral)] =
      CountRecent(history.deferrals, from, as_of);
  snap.recent_signals[kind(model::Kind::kSurveyNote)] =
      CountRecent(history.survey_notes, from, as_of);
  snap.recent_signals[kind(model::Kind::kMigration)] =
      CountRecent(history.migrations, from, as_of);
  snap.recent_signals[kind(model::Kind::kDeploy)] =
      CountRecent(history.deploys, from, as_of);
  snap.recent_signals[kind(model::Kind::kAnnotation)] =
      CountRecent(history.annotations, from, as_of);
  snap.annotations = analysis.context;
  snap.unwritten_oopses = analysis.looked_at.unwritten_oopses;
  snap.open_deferrals = analysis.looked_at.open_deferrals;
  for (const std::string& source : team.expected_sources) {
    auto it = history.covered_through.find(source);
    const bool listed =
        std::any_of(snap.coverage.begin(), snap.coverage.end(),
                    [&](const auto& c) { return c.first == source; });
    if (it != history.covered_through.end() && !listed) {
      snap.coverage.emplace_back(source, it->second);
    }
  }
  for (const auto& spot : analysis.blind_spots) {
    snap.blind_spots.push_back(spot.source());
  }
  for (const auto& finding : analysis.findings) {
    snap.findings.push_back({finding.detector(),
                             narrative::BoundaryName(finding.boundary()),
                             narrative::LevelName(finding.level())});
  }
  // A detector may say two things at one level (pages by band and by
  // shift): one series each way is what an alert needs.
  std::sort(snap.findings.begin(), snap.findings.end());
  snap.findings.erase(std::unique(snap.findings.begin(), snap.findings.end()),
                      snap.findings.end());
  return snap;
}

std::vector<MetricFamily> TeamCollector::Collect() const {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_->Now();
  std::vector<const config::TeamConfig*> teams;
  // Only the stale snapshots are recomputed, under the model's lock; the
  // series are built after it is released.
  model_->VisitTeams([&](const config::TeamConfig& team,
                         const model::TeamHistory& history) {
    const std::size_t i = teams.size();
    teams.push_back(&team);  // the model's team registry is constant
    if (snapshots_.size() <= i) snapshots_.resize(i + 1);
    TeamSnapshot& snap = snapshots_[i];
    const absl::Duration keep =
        kRefreshAfter + kRefreshAfter * static_cast<int>(i % kSpread) / kSpread;
    if (!snap.computed || snap.changes != history.changes || now < snap.as_of ||
        now - snap.as_of >= keep) {
      snap = Snapshot(team, history, now);
    }
  });

  MetricFamily recent = Gauges(
      "teamload_team_recent_signals",
      "Current signals that occurred in the last 7 days, by team and kind.");
  MetricFamily interruptions =
      Gauges("teamload_team_recent_interruptions",
             "Interruptions in the last 7 days, by team and local time band "
             "(business, off_hours, sleep): the team's pages, those at most "
             "interruption_merge_seconds (default 60) after the previous page "
             "merged into one, each in the band of its first page.");
  MetricFamily disrupted_hours = Gauges(
      "teamload_team_recent_disrupted_clockhours",
      "Disrupted hours in the last 7 days, by team and local time band: the "
      "number of distinct clock hours (14:00-15:00 on a day) in the team's "
      "time zone with at least one page; a count, not a duration.");
  MetricFamily unwritten = Gauges(
      "teamload_team_unwritten_oopses",
      "Oopses older than the team's oops_writeup_days and not written up.");
  MetricFamily deferrals =
      Gauges("teamload_team_open_deferrals", "Deferred work items still open.");
  MetricFamily coverage_age = Gauges(
      "teamload_team_coverage_age_seconds",
      "Seconds since the time each expected source last covered the team "
      "through; absent for a source that never reported.");
  MetricFamily blind = Gauges(
      "teamload_team_blind_spot",
      "1 for each expected source whose coverage is missing or stale: the "
      "team's narrative says it cannot see that source.");
  MetricFamily findings =
      Gauges("teamload_team_finding",
             "1 while a detector has a finding about a team at a boundary and "
             "level.");
  // For Grafana: an annotation query on this series with "series value as
  // timestamp" (times 1000) and {{text}} as the text (docs/metrics.md).
  MetricFamily annotations = Gauges(
      "teamload_team_annotation_timestamp_seconds",
      "When each annotation in the team's narrative (the last 9 weeks, the "
      "newest 10) happened, as Unix seconds; labels say who noted what.");
  for (std::size_t i = 0; i < teams.size(); ++i) {
    const std::string& team = teams[i]->name;
    const TeamSnapshot& snap = snapshots_[i];
    for (model::Kind kind : model::kAllKinds) {
      AddGauge(
          recent,
          {{"team", team}, {"kind", std::string(model::KindName(kind))}},
          static_cast<double>(snap.recent_signals[static_cast<int>(kind)]));
    }
    for (int b = 0; b < analysis::kTimeBands; ++b) {
      const auto band = static_cast<analysis::TimeBand>(b);
      const std::string label = analysis::BandLabel(band);
      AddGauge(interruptions, {{"team", team}, {"band", label}},
               snap.recent_interruptions[b]);
      AddGauge(disrupted_hours, {{"team", team}, {"band", label}},
               snap.recent_disrupted_hours[b]);
    }
    AddGauge(unwritten, {{"team", team}}, snap.unwritten_oopses);
    AddGauge(deferrals, {{"team", team}}, snap.open_deferrals);
    for (const auto& [source, through] : snap.coverage) {
      // A mark slightly ahead of this clock is as fresh as it gets.
      AddGauge(coverage_age, {{"team", team}, {"source", source}},
               std::max(0.0, absl::ToDoubleSeconds(now - through)));
    }
    for (const std::string& source : snap.blind_spots) {
      AddGauge(blind, {{"team", team}, {"source", source}}, 1);
    }
    for (const auto& f : snap.findings) {
      AddGauge(findings,
               {{"team", team},
                {"detector", f.detector},
                {"boundary", f.boundary},
                {"level", f.level}},
               1);
    }
    for (const model::AnnotationFact& note : snap.annotations) {
      AddGauge(annotations,
               {{"team", team},
                {"id", note.id},
                {"author", note.author},
                {"text", note.text}},
               absl::ToDoubleSeconds(note.occurred_at - absl::UnixEpoch()));
    }
  }
  std::vector<MetricFamily> families;
  for (MetricFamily* family :
       {&recent, &interruptions, &disrupted_hours, &unwritten, &deferrals,
        &coverage_age, &blind, &findings, &annotations}) {
    families.push_back(std::move(*family));
  }
  return families;
}

}  // namespace teamload::metrics
