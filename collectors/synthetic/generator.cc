#include "collectors/synthetic/generator.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/substitute.h"
#include "collectors/synthetic/internal/phrases.h"
#include "collectors/synthetic/internal/plans.h"
#include "collectors/synthetic/internal/random.h"
#include "daemon/analysis/time_bands.h"

namespace teamload::synthetic {
namespace {

using analysis::TimeBand;
using internal::SeededRandom;
using internal::Weeks;

constexpr absl::string_view kSources[] = {"pagerduty", "jira", "oops",
                                          "survey"};
constexpr int kTeamPeople = 6;  // survey respondents when everyone answers
constexpr int kServicesPerTeam = 4;

// What every part of one team's generation shares.
struct Team {
  const TeamSpec& spec;
  Weeks weeks;
  absl::TimeZone zone;
  uint64_t seed;
};

void SetTime(absl::Time t, google::protobuf::Timestamp* timestamp) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  timestamp->set_seconds(seconds);
  timestamp->set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
}

absl::Time TimeOf(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) +
         absl::Nanoseconds(timestamp.nanos());
}

teamload::v1::Signal NewSignal(const Team& team, std::string id,
                               absl::string_view source, absl::Time at) {
  teamload::v1::Signal signal;
  signal.set_id(std::move(id));
  signal.set_team(team.spec.name);
  signal.set_source(std::string(source));
  SetTime(at, signal.mutable_occurred_at());
  return signal;
}

// A Jira-style project key: "quiet_underwater-3" -> "QU3", "payments" ->
// "PAYM", "acme-steady-1" -> "AS1".
std::string ProjectKey(absl::string_view team) {
  std::vector<std::string> words;
  std::string digits;
  for (absl::string_view part :
       absl::StrSplit(team, absl::ByAnyChar("-_. "), absl::SkipEmpty())) {
    if (std::isalpha(static_cast<unsigned char>(part[0]))) {
      words.emplace_back(part);
    } else {
      absl::StrAppend(&digits, part);
    }
  }
  std::string key;
  if (words.size() == 1) {
    key = words[0].substr(0, 4);
  } else {
    for (const std::string& word : words) key += word[0];
  }
  key += digits;
  std::string clean;
  for (const char c : key) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      clean += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  if (clean.empty() || !std::isalpha(static_cast<unsigned char>(clean[0]))) {
    clean.insert(0, "T");
  }
  return clean;
}

// `items` in a seeded random order (Fisher-Yates).
template <typename T>
std::vector<T> Shuffled(absl::Span<const T> items, SeededRandom& rng) {
  std::vector<T> out(items.begin(), items.end());
  for (size_t i = out.size(); i > 1; --i) {
    std::swap(out[i - 1], out[rng.Uniform(0, static_cast<int64_t>(i) - 1)]);
  }
  return out;
}

void AddPages(const Team& team, History& history) {
  SeededRandom rng(team.seed, team.spec.name, "pagerduty");
  std::vector<absl::string_view> services = Shuffled(internal::Services(), rng);
  services.resize(kServicesPerTeam);

  std::vector<absl::Time> times;
  std::map<int64_t, int> per_shift;  // a shift can straddle two weeks
  const std::vector<internal::PageWeek> plans =
      internal::PlanPages(team.spec.archetype, team.weeks.count, rng);
  for (int week = team.weeks.count - 1; week >= 0; --week) {
    const internal::PageWeek& plan = plans[week];
    for (int i = 0; i < plan.total; ++i) {
      const TimeBand band = i < plan.sleep    ? TimeBand::kSleep
                            : rng.Chance(0.2) ? TimeBand::kOffHours
                                              : TimeBand::kBusiness;
      absl::Time at;
      for (int attempt = 0; attempt < 100; ++attempt) {
        at = internal::SampleInBand(rng, team.weeks.Start(week),
                                    team.weeks.End(week), band, team.zone);
        if (plan.max_per_shift == 0 ||
            per_shift[analysis::ShiftOf(at, team.zone)] < plan.max_per_shift) {
          break;
        }
      }
      ++per_shift[analysis::ShiftOf(at, team.zone)];
      times.push_back(at);
    }
  }
  std::sort(times.begin(), times.end());
  // Storms draw from a stream of their own, so the pages above and what
  // each of them says stay as they were without storms.
  SeededRandom storms(team.seed, team.spec.name, "pagerduty-storms");
  int n = 0;
  for (const absl::Time at : times) {
    teamload::v1::Signal signal =
        NewSignal(team, absl::StrCat("pagerduty:", team.spec.name, "-", ++n),
                  "pagerduty", at);
    teamload::v1::Page* page = signal.mutable_page();
    const absl::string_view service =
        rng.Pick(absl::Span<const absl::string_view>(services));
    page->set_service(std::string(service));
    // What wakes people up is mostly what was marked urgent.
    const bool night = analysis::BandOf(at, team.zone) == TimeBand::kSleep;
    page->set_urgency(rng.Chance(night ? 0.75 : 0.35)
                          ? teamload::v1::URGENCY_HIGH
                          : teamload::v1::URGENCY_LOW);
    page->set_title(
        absl::Substitute(rng.Pick(internal::PageTitleTemplates()), service));
    page->mutable_time_to_ack()->set_seconds(
        rng.UniformDuration(absl::Minutes(1), absl::Minutes(20)) /
        absl::Seconds(1));
    int week = 0;
    while (week + 1 < team.weeks.count && at < team.weeks.Start(week)) ++week;
    const int follow_ups =
        internal::StormFollowUps(team.spec.archetype, week, storms);
    history.signals.push_back(signal);
    // The same alert firing again: "pagerduty:team-7-2", "-3", ...
    absl::Time next = at;
    for (int k = 2; k <= follow_ups + 1; ++k) {
      next += storms.UniformDuration(absl::Seconds(5), absl::Seconds(50));
      teamload::v1::Signal& again = history.signals.emplace_back(signal);
      again.set_id(absl::StrCat(signal.id(), "-", k));
      SetTime(next, again.mutable_occurred_at());
    }
  }
}

void AddOopses(const Team& team, History& history) {
  SeededRandom rng(team.seed, team.spec.name, "oops");
  std::vector<std::pair<absl::Time, std::optional<absl::Time>>> drafts;
  for (const internal::OopsPlan& plan :
       internal::PlanOopses(team.spec.archetype, team.weeks, rng)) {
    const absl::Time at = internal::SampleInBand(
        rng, plan.earliest, plan.latest, TimeBand::kBusiness, team.zone);
    std::optional<absl::Time> written_up;
    if (plan.written_up) {
      const absl::Time when =
          at + rng.UniformDuration(plan.min_delay, plan.max_delay);
      if (when <= team.weeks.end) written_up = when;
    }
    drafts.emplace_back(at, written_up);
  }
  std::sort(drafts.begin(), drafts.end());
  int n = 0;
  for (const auto& [at, written_up] : drafts) {
    const std::string key = absl::StrCat(team.spec.name, "-", ++n);
    teamload::v1::Signal signal =
        NewSignal(team, absl::StrCat("oops:", key), "oops", at);
    teamload::v1::Oops* oops = signal.mutable_oops();
    oops->set_title(std::string(rng.Pick(internal::OopsTitles())));
    oops->set_summary(std::string(rng.Pick(internal::OopsSummaries())));
    if (written_up.has_value()) {
      SetTime(*written_up, oops->mutable_written_up_at());
      oops->set_writeup_url(
          absl::StrCat("https://wiki.example.com/oops/", key));
    }
    history.signals.push_back(std::move(signal));
  }
}

void AddDeferrals(const Team& team, History& history) {
  SeededRandom rng(team.seed, team.spec.name, "jira");
  std::vector<std::pair<absl::Time, internal::DeferralPlan>> drafts;
  for (const internal::DeferralPlan& plan :
       internal::PlanDeferrals(team.spec.archetype, team.weeks, rng)) {
    drafts.emplace_back(internal::SampleInBand(rng, plan.earliest, plan.latest,
                                               TimeBand::kBusiness, team.zone),
                        plan);
  }
  std::stable_sort(
      drafts.begin(), drafts.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::vector<absl::string_view> titles =
      Shuffled(internal::DeferralTitles(), rng);
  const std::string project = ProjectKey(team.spec.name);
  int n = 0;
  for (const auto& [created, plan] : drafts) {
    ++n;
    std::optional<absl::Time> resolved;
    if (plan.resolve_after > absl::ZeroDuration() &&
        created + plan.resolve_after <= team.weeks.end) {
      resolved = created + plan.resolve_after;
    }
    int times_deferred = 1;
    if (plan.redefer_every > absl::ZeroDuration()) {
      absl::Duration remainder;  // IDivDuration requires somewhere to put it
      times_deferred += static_cast<int>(
          absl::IDivDuration(resolved.value_or(team.weeks.end) - created,
                             plan.redefer_every, &remainder));
    }
    // One revision per push-back, then one more when it is finally done.
    const int revisions = times_deferred + (resolved.has_value() ? 1 : 0);
    for (int revision = 1; revision <= revisions; ++revision) {
      teamload::v1::Signal signal = NewSignal(
          team, absl::StrCat("jira:", team.spec.name, "-", n), "jira", created);
      teamload::v1::Deferral* deferral = signal.mutable_deferral();
      deferral->set_item(absl::StrCat(project, "-", n));
      deferral->set_title(std::string(titles[(n - 1) % titles.size()]));
      deferral->set_times_deferred(std::min(revision, times_deferred));
      if (revision > times_deferred) {
        deferral->set_resolved(true);
        SetTime(*resolved, deferral->mutable_resolved_at());
      }
      history.signals.push_back(std::move(signal));
    }
  }
}

// From the team's migration register (teamload-migrations): one signal per
// migration, as the register reads at the end.
void AddMigrations(const Team& team, History& history) {
  for (const internal::MigrationPlan& plan :
       internal::PlanMigrations(team.spec.archetype, team.weeks)) {
    teamload::v1::Signal signal = NewSignal(
        team, absl::StrCat("migrations:", team.spec.name, "/", plan.name),
        "migrations", plan.started);
    teamload::v1::Migration* migration = signal.mutable_migration();
    migration->set_name(std::string(plan.name));
    migration->set_title(std::string(plan.title));
    const absl::Time never = absl::InfiniteFuture();
    if (plan.planned_end != never)
      SetTime(plan.planned_end, migration->mutable_planned_end());
    if (plan.finished != never)
      SetTime(plan.finished, migration->mutable_finished_at());
    if (plan.retrospective != never) {
      SetTime(plan.retrospective, migration->mutable_retro_written_at());
      migration->set_retro_url(absl::StrCat("https://wiki.example.com/",
                                            team.spec.name, "/", plan.name));
    }
    history.signals.push_back(std::move(signal));
  }
}

// GitHub deployments of the team's services, in business hours; the first
// `failures` of a week caused an incident. Lead times of a few hours to two
// days.
void AddDeploys(const Team& team, History& history) {
  SeededRandom rng(team.seed, team.spec.name, "github");
  const std::vector<internal::DeployWeek> plan =
      internal::PlanDeploys(team.spec.archetype, team.weeks.count, rng);
  int n = 0;
  for (int week = static_cast<int>(plan.size()) - 1; week >= 0; --week) {
    for (int i = 0; i < plan[week].total; ++i) {
      const absl::Time at = internal::SampleInBand(
          rng, team.weeks.Start(week), team.weeks.End(week),
          TimeBand::kBusiness, team.zone);
      teamload::v1::Signal signal = NewSignal(
          team, absl::StrCat("github:deployment:", team.spec.name, "-", ++n),
          "github", at);
      teamload::v1::Deploy* deploy = signal.mutable_deploy();
      deploy->set_service(absl::StrCat(team.spec.name, "-svc-",
                                       rng.Uniform(1, kServicesPerTeam)));
      deploy->set_outcome(teamload::v1::DEPLOY_OUTCOME_SUCCEEDED);
      deploy->set_caused_incident(i < plan[week].failures);
      deploy->mutable_lead_time()->set_seconds(rng.Uniform(3, 48) * 3600);
      history.signals.push_back(std::move(signal));
    }
  }
}

// Someone on the team, the same in every survey.
struct Person {
  std::string token;  // opaque: "r-" and 8 hex digits
  double leaning;     // 0 to 1: where in a range this person's scores sit
};

// Content answers score in the upper half of the mood's range, strained
// ones in the lower half; each person near their usual spot in it, so a
// survey's mean moves with the mood, not with the dice.
int Score(const internal::Mood& mood, bool content, const Person& person,
          SeededRandom& rng) {
  const int low =
      content ? (mood.min_score + mood.max_score) / 2 : mood.min_score;
  const int high =
      content ? mood.max_score : (mood.min_score + mood.max_score + 1) / 2;
  int score = low + static_cast<int>(person.leaning * (high - low + 1));
  if (rng.Chance(0.2)) score += rng.Chance(0.5) ? 1 : -1;
  return std::clamp(score, low, high);
}

void AddSurveys(const Team& team, History& history) {
  SeededRandom rng(team.seed, team.spec.name, "survey");
  // The same people, under the same opaque tokens, in every survey.
  std::vector<Person> people;
  people.reserve(kTeamPeople);
  for (int i = 0; i < kTeamPeople; ++i) {
    people.push_back({"r-" + rng.HexToken(8),
                      static_cast<double>(rng.Uniform(0, 999)) / 1000});
  }
  const absl::Span<const absl::string_view> questions =
      internal::SurveyQuestions();
  std::vector<absl::Span<const double>> affinity;
  affinity.reserve(questions.size());
  for (int q = 0; q < static_cast<int>(questions.size()); ++q) {
    affinity.push_back(internal::ThemeAffinity(q));
  }
  std::set<std::string> names;
  for (const internal::SurveyPlan& plan :
       internal::PlanSurveys(team.spec.archetype, team.weeks.count)) {
    const absl::Time opens = team.weeks.Start(plan.week);
    // Named by month; a second survey in the same month gets a letter.
    const std::string month = absl::StrCat(
        "pulse-", absl::FormatTime("%Y-%m", opens, absl::UTCTimeZone()));
    std::string name = month;
    for (char suffix = 'b'; !names.insert(name).second; ++suffix) {
      name = month + suffix;
    }
    const std::vector<Person> respondents =
        Shuffled(absl::MakeConstSpan(people), rng);
    for (int r = 0; r < plan.respondents; ++r) {
      const Person& person = respondents[r];
      // Room for every answer before the window closes.
      const absl::Time answered = internal::SampleInBand(
          rng, opens, team.weeks.End(plan.week) - absl::Minutes(5),
          TimeBand::kBusiness, team.zone);
      std::set<absl::string_view> said;
      for (int q = 0; q < static_cast<int>(questions.size()); ++q) {
        teamload::v1::Signal signal =
            NewSignal(team,
                      absl::StrCat("survey:", team.spec.name, ":", name, ":",
                                   person.token, ":", q),
                      "survey", answered + absl::Seconds(40 * q));
        teamload::v1::SurveyNote* note = signal.mutable_survey_note();
        note->set_survey(name);
        note->set_respondent(person.token);
        note->set_question(std::string(questions[q]));
        std::array<double, internal::kThemeCount> weights;
        for (int t = 0; t < internal::kThemeCount; ++t) {
          weights[t] = plan.mood.theme_weights[t] * affinity[q][t];
        }
        const auto theme =
            static_cast<internal::Theme>(rng.PickWeighted(weights));
        // Nobody writes the same sentence twice in one survey.
        absl::string_view text;
        for (int attempt = 0; attempt < 8; ++attempt) {
          text = rng.Pick(internal::SurveyAnswers(theme, q));
          if (!said.contains(text)) break;
        }
        said.insert(text);
        note->set_text(std::string(text));
        // The last question is free text only: 0 means no score.
        const bool scored = q + 1 < static_cast<int>(questions.size());
        note->set_score(scored ? Score(plan.mood,
                                       theme == internal::Theme::kNeutral,
                                       person, rng)
                               : 0);
        history.signals.push_back(std::move(signal));
      }
    }
  }
}

// A source that went silent sent nothing after it did: neither the events
// nor the write-ups that came later.
void DropSilenced(const Team& team, History& history) {
  std::erase_if(history.signals, [&](const teamload::v1::Signal& signal) {
    const absl::Duration silent =
        internal::SilentFor(team.spec.archetype, signal.source());
    if (silent == absl::ZeroDuration()) return false;
    const absl::Time horizon = team.weeks.end - silent;
    if (TimeOf(signal.occurred_at()) > horizon) return true;
    return signal.has_oops() && signal.oops().has_written_up_at() &&
           TimeOf(signal.oops().written_up_at()) > horizon;
  });
}

void AddCoverage(const Team& team, History& history) {
  for (int day = team.weeks.count * 7 - 1; day >= 0; --day) {
    const absl::Time through = team.weeks.end - absl::Hours(24) * day;
    for (const std::string& source : ExpectedSources(team.spec.archetype)) {
      if (through >
          team.weeks.end - internal::SilentFor(team.spec.archetype, source)) {
        continue;
      }
      teamload::v1::Coverage& coverage = history.coverage.emplace_back();
      coverage.set_source(std::string(source));
      coverage.set_team(team.spec.name);
      SetTime(through, coverage.mutable_covered_through());
    }
  }
}

}  // namespace

History Generate(const TeamSpec& spec, const GeneratorOptions& options) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(spec.timezone, &zone)) zone = absl::UTCTimeZone();
  const Team team{spec, Weeks{options.end, std::max(options.weeks, 1)}, zone,
                  options.seed};
  History history;
  AddPages(team, history);
  AddOopses(team, history);
  AddDeferrals(team, history);
  AddSurveys(team, history);
  AddMigrations(team, history);
  AddDeploys(team, history);
  DropSilenced(team, history);
  // Stable: a deferral's revisions share occurred_at and keep their order.
  std::stable_sort(
      history.signals.begin(), history.signals.end(),
      [](const teamload::v1::Signal& a, const teamload::v1::Signal& b) {
        return TimeOf(a.occurred_at()) < TimeOf(b.occurred_at());
      });
  AddCoverage(team, history);
  return history;
}

std::vector<std::string> ExpectedSources(Archetype archetype) {
  std::vector<std::string> sources(std::begin(kSources), std::end(kSources));
  if (archetype == Archetype::kMigrationOverload)
    sources.push_back("migrations");
  if (archetype == Archetype::kDeploySurge) sources.push_back("github");
  return sources;
}

}  // namespace teamload::synthetic
