// TeamHistory: the facts about one team that the detectors read, one compact
// record per current signal revision, plus its coverage marks.
//
// The rules that judge a fact at a moment live on the fact, once, so every
// detector, report and metric asks them the same way: OopsFact::UnwrittenAt,
// DeferralFact::OpenAt, MigrationFact::InFlightAt and UnreviewedAt.
//
// Not thread-safe by itself: the Model owns every TeamHistory and hands out
// const references only under its lock.
#ifndef TEAMLOAD_DAEMON_MODEL_TEAM_HISTORY_H_
#define TEAMLOAD_DAEMON_MODEL_TEAM_HISTORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/themes/reader.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::model {

// Pages are most of the signals, so a page is 12 bytes: its id lives in the
// team's page-id arena (TeamHistory::PageId) and its time in whole seconds,
// unsigned 32-bit: ingest accepts signals from 2000 to a day ahead, and
// those seconds fit until 2106 (4 bytes less a page: 19 MiB at 5 million).
struct PageFact {
  uint32_t occurred_s = 0;  // unix seconds
  uint32_t id_offset = 0;   // into TeamHistory::page_ids
  uint16_t id_size = 0;
  bool high_urgency = false;

  absl::Time occurred_at() const { return absl::FromUnixSeconds(occurred_s); }
};
static_assert(sizeof(PageFact) == 12);

struct OopsFact {
  std::string id;
  absl::Time occurred_at;
  absl::Time written_up_at = absl::InfiniteFuture();  // never, so far
  std::string title;
  // Of the write-up themes: what its title and summary raise.
  themes::ThemeSet themes = 0;

  // Unwritten at `t`: it occurred at least `grace` before `t` (the team's
  // oops_writeup_days; analysis::WriteupGrace) and was not written up by
  // `t`. An oops still inside its grace period is not unwritten yet.
  bool UnwrittenAt(absl::Time t, absl::Duration grace) const {
    return occurred_at <= t - grace && written_up_at > t;
  }
};

struct DeferralFact {
  std::string id;
  absl::Time occurred_at;  // first deferred
  std::string item;
  std::string title;
  int times_deferred = 0;
  absl::Time resolved_at = absl::InfiniteFuture();  // still open

  // Open at `t`: first deferred by `t` and not resolved by `t`.
  bool OpenAt(absl::Time t) const {
    return occurred_at <= t && resolved_at > t;
  }
};

// Migrations are few (a handful a team a year), so a migration keeps plain
// times and its texts: 160 bytes (its retrospective's link stays in the
// store: nothing tells it).
struct MigrationFact {
  std::string id;
  absl::Time occurred_at;                                // started
  absl::Time planned_end = absl::InfiniteFuture();       // no plan
  absl::Time finished_at = absl::InfiniteFuture();       // in flight
  absl::Time retro_written_at = absl::InfiniteFuture();  // not looked back on
  std::string name;
  std::string title;

  // In flight at `t`: started by `t` and not finished by `t`.
  bool InFlightAt(absl::Time t) const {
    return occurred_at <= t && finished_at > t;
  }
  // Overdue at `t`: in flight past its planned end.
  bool OverdueAt(absl::Time t) const {
    return InFlightAt(t) && planned_end < t;
  }
  // Finished at least `grace` before `t` (migration_retro_days;
  // analysis::RetroGrace) with no retrospective written by `t`.
  bool UnreviewedAt(absl::Time t, absl::Duration grace) const {
    return finished_at <= t - grace && retro_written_at > t;
  }
};
static_assert(sizeof(MigrationFact) <= 160);

// Deploys come by the dozen a week, so a deploy is 16 bytes like a page:
// its id in the team's deploy-id arena (TeamHistory::DeployId), its times in
// whole seconds. Its service stays in the store: the story counts deploys
// per team, never per service.
struct DeployFact {
  static constexpr uint32_t kNoLeadTime = UINT32_MAX;
  uint32_t occurred_s = 0;             // unix seconds
  uint32_t id_offset = 0;              // into TeamHistory::deploy_ids
  uint32_t lead_time_s = kNoLeadTime;  // up to 136 years; kNoLeadTime: unknown
  uint16_t id_size = 0;
  bool failed = false;           // the deploy itself failed or rolled back
  bool caused_incident = false;  // a change failure

  absl::Time occurred_at() const { return absl::FromUnixSeconds(occurred_s); }
  // Counts towards the change failure rate.
  bool ChangeFailure() const { return failed || caused_incident; }
};
static_assert(sizeof(DeployFact) == 16);

struct SurveyFact {
  std::string id;
  absl::Time occurred_at;
  std::string survey;
  std::string respondent;
  std::string question;
  std::string text;
  int score = 0;
  // Of the survey themes: what its text raises.
  themes::ThemeSet themes = 0;
};

// What a person noted about the team's week (AnnotationService). Context
// only: no detector reads these.
struct AnnotationFact {
  std::string id;
  absl::Time occurred_at;  // when it happened, as the author says
  std::string text;
  std::string author;
  std::string recorded_by;  // the token that wrote it
};

struct TeamHistory {
  // In no particular order; detectors filter by time themselves.
  std::vector<PageFact> pages;
  std::string page_ids;  // every page's id, back to back
  std::vector<OopsFact> oopses;
  std::vector<DeferralFact> deferrals;
  std::vector<SurveyFact> survey_notes;
  std::vector<MigrationFact> migrations;
  std::vector<DeployFact> deploys;
  std::string deploy_ids;  // every deploy's id, back to back
  std::vector<AnnotationFact> annotations;
  absl::flat_hash_map<std::string, absl::Time> covered_through;  // by source
  // Bumped by every change to this history, so readers can reuse what they
  // computed from it while it stays the same.
  uint64_t changes = 0;

  absl::string_view PageId(const PageFact& page) const {
    return absl::string_view(page_ids).substr(page.id_offset, page.id_size);
  }
  absl::string_view DeployId(const DeployFact& deploy) const {
    return absl::string_view(deploy_ids)
        .substr(deploy.id_offset, deploy.id_size);
  }
  // Appends a page, its id to the arena.
  void AddPage(absl::string_view id, absl::Time occurred_at, bool high_urgency);
  // Gives back what the vectors reserved beyond their size: after a rebuild
  // from the store, growth by doubling leaves a quarter of the capacity
  // unused on average (a page every 105 minutes for a year: 5,000 pages in
  // room for 8,192, 50 MiB across 1,000 teams).
  void ShrinkToFit();
};

// The signal's timestamps as absl::Time.
absl::Time ToTime(const google::protobuf::Timestamp& ts);

// A page whose id is already in `history`'s arena at `id_offset`.
PageFact ToPageFact(const teamload::v1::Signal& signal, uint32_t id_offset);
// Write-ups and survey answers are read for themes by `reader`.
OopsFact ToOopsFact(const teamload::v1::Signal& signal,
                    const themes::Reader& reader);
// A deferral resolved without resolved_at counts as resolved at
// `received_at`, when teamloadd learnt of it.
DeferralFact ToDeferralFact(const teamload::v1::Signal& signal,
                            absl::Time received_at);
SurveyFact ToSurveyFact(const teamload::v1::Signal& signal,
                        const themes::Reader& reader);
MigrationFact ToMigrationFact(const teamload::v1::Signal& signal);
// A deploy whose id is already in `history`'s deploy arena at `id_offset`.
DeployFact ToDeployFact(const teamload::v1::Signal& signal, uint32_t id_offset);
AnnotationFact ToAnnotationFact(const teamload::v1::Signal& signal);

}  // namespace teamload::model

#endif  // TEAMLOAD_DAEMON_MODEL_TEAM_HISTORY_H_
