#include "daemon/ingest/validate.h"

#include <initializer_list>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/model/kind.h"
#include "google/protobuf/util/time_util.h"

namespace teamload::ingest {
namespace {

using google::protobuf::util::TimeUtil;

const absl::Time kEarliest =
    absl::FromCivil(absl::CivilDay(2000, 1, 1), absl::UTCTimeZone());
constexpr absl::Duration kMaxFuture = absl::Hours(24);

absl::Status Invalid(absl::string_view field, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrFormat("%s: %s", field, rule));
}

// A timestamp that is well-formed and between 2000 and a day from now;
// or, for a plan (`plan`), from 2000 on, however far ahead.
absl::Status CheckTime(absl::string_view field,
                       const google::protobuf::Timestamp& ts, absl::Time now,
                       bool plan = false) {
  if (ts.seconds() < TimeUtil::kTimestampMinSeconds ||
      ts.seconds() > TimeUtil::kTimestampMaxSeconds || ts.nanos() < 0 ||
      ts.nanos() > 999'999'999) {
    return Invalid(field, "is not a valid timestamp");
  }
  const absl::Time t =
      absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
  const auto rfc3339 = [](absl::Time x) {
    return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", x, absl::UTCTimeZone());
  };
  if (t < kEarliest) {
    return Invalid(field,
                   absl::StrFormat("%s is before 2000-01-01", rfc3339(t)));
  }
  if (!plan && t > now + kMaxFuture) {
    return Invalid(
        field, absl::StrFormat("%s is more than a day in the future (now %s)",
                               rfc3339(t), rfc3339(now)));
  }
  return absl::OkStatus();
}

absl::Status CheckTexts(
    std::initializer_list<std::pair<absl::string_view, const std::string*>>
        texts) {
  for (const auto& [field, text] : texts) {
    if (static_cast<int64_t>(text->size()) > kMaxTextBytes) {
      return Invalid(field, absl::StrFormat("is %d bytes, over the limit of %d",
                                            text->size(), kMaxTextBytes));
    }
  }
  return absl::OkStatus();
}

// A proto3 enum field holds any int32; only the declared values mean
// something.
absl::Status CheckEnum(absl::string_view field, int value,
                       const google::protobuf::EnumDescriptor& type) {
  if (type.FindValueByNumber(value) != nullptr) return absl::OkStatus();
  std::vector<std::string> known;
  for (int i = 0; i < type.value_count(); ++i) {
    known.push_back(absl::StrFormat("%s = %d", type.value(i)->name(),
                                    type.value(i)->number()));
  }
  return Invalid(field,
                 absl::StrFormat("%d is not a %s (one of %s)", value,
                                 type.full_name(), absl::StrJoin(known, ", ")));
}

absl::Status CheckTeam(const std::string& team, KnownTeam known_team) {
  if (team.empty()) return Invalid("team", "must not be empty");
  if (!known_team(team)) {
    return Invalid(
        "team", absl::StrFormat(
                    "unknown team \"%s\" (not in teamloadd's config)", team));
  }
  return absl::OkStatus();
}

// Its times are well-formed, and it finished no earlier than it started
// (occurred_at); its plan may lie ahead.
absl::Status CheckMigration(const teamload::v1::Signal& signal,
                            absl::Time now) {
  const auto& migration = signal.migration();
  for (const auto& [field, set, ts, plan] :
       {std::tuple("migration.planned_end", migration.has_planned_end(),
                   &migration.planned_end(), true),
        std::tuple("migration.finished_at", migration.has_finished_at(),
                   &migration.finished_at(), false),
        std::tuple("migration.retro_written_at",
                   migration.has_retro_written_at(),
                   &migration.retro_written_at(), false)}) {
    if (!set) continue;
    if (absl::Status s = CheckTime(field, *ts, now, plan); !s.ok()) return s;
  }
  if (migration.has_finished_at() &&
      TimeUtil::TimestampToNanoseconds(migration.finished_at()) <
          TimeUtil::TimestampToNanoseconds(signal.occurred_at())) {
    return Invalid("migration.finished_at",
                   "is before the migration started (occurred_at)");
  }
  return CheckTexts({{"migration.name", &migration.name()},
                     {"migration.title", &migration.title()},
                     {"migration.retro_url", &migration.retro_url()}});
}

absl::Status CheckKind(const teamload::v1::Signal& signal, absl::Time now) {
  using teamload::v1::Signal;
  switch (signal.kind_case()) {
    case Signal::kPage: {
      const auto& page = signal.page();
      if (page.has_time_to_ack() && (page.time_to_ack().seconds() < 0 ||
                                     page.time_to_ack().nanos() < 0)) {
        return Invalid("page.time_to_ack", "must not be negative");
      }
      if (absl::Status s = CheckEnum("page.urgency", page.urgency(),
                                     *teamload::v1::Urgency_descriptor());
          !s.ok()) {
        return s;
      }
      return CheckTexts(
          {{"page.service", &page.service()}, {"page.title", &page.title()}});
    }
    case Signal::kOops: {
      const auto& oops = signal.oops();
      if (oops.has_written_up_at()) {
        if (absl::Status s =
                CheckTime("oops.written_up_at", oops.written_up_at(), now);
            !s.ok()) {
          return s;
        }
      }
      return CheckTexts({{"oops.title", &oops.title()},
                         {"oops.summary", &oops.summary()},
                         {"oops.writeup_url", &oops.writeup_url()}});
    }
    case Signal::kDeferral: {
      const auto& deferral = signal.deferral();
      if (deferral.has_resolved_at()) {
        if (absl::Status s =
                CheckTime("deferral.resolved_at", deferral.resolved_at(), now);
            !s.ok()) {
          return s;
        }
      }
      if (deferral.times_deferred() < 0) {
        return Invalid("deferral.times_deferred",
                       absl::StrFormat("%d must not be negative",
                                       deferral.times_deferred()));
      }
      return CheckTexts({{"deferral.item", &deferral.item()},
                         {"deferral.title", &deferral.title()}});
    }
    case Signal::kSurveyNote: {
      const auto& note = signal.survey_note();
      if (note.score() < 0 || note.score() > 5) {
        return Invalid("survey_note.score",
                       absl::StrFormat("%d is outside 0..5", note.score()));
      }
      return CheckTexts({{"survey_note.survey", &note.survey()},
                         {"survey_note.respondent", &note.respondent()},
                         {"survey_note.question", &note.question()},
                         {"survey_note.text", &note.text()}});
    }
    case Signal::kMigration:
      return CheckMigration(signal, now);
    case Signal::kDeploy: {
      const auto& deploy = signal.deploy();
      if (deploy.has_lead_time() && (deploy.lead_time().seconds() < 0 ||
                                     deploy.lead_time().nanos() < 0)) {
        return Invalid("deploy.lead_time", "must not be negative");
      }
      if (absl::Status s = CheckEnum("deploy.outcome", deploy.outcome(),
                                     *teamload::v1::DeployOutcome_descriptor());
          !s.ok()) {
        return s;
      }
      return CheckTexts({{"deploy.service", &deploy.service()}});
    }
    case Signal::kAnnotation: {
      const auto& note = signal.annotation();
      if (note.text().empty()) {
        return Invalid("annotation.text", "must not be empty");
      }
      if (static_cast<int64_t>(note.text().size()) > kMaxAnnotationBytes) {
        return Invalid(
            "annotation.text",
            absl::StrFormat("is %d bytes, over the limit of %d",
                            note.text().size(), kMaxAnnotationBytes));
      }
      if (note.text().find_first_of("\r\n") != std::string::npos) {
        return Invalid("annotation.text", "must be one line");
      }
      if (note.author().empty()) {
        return Invalid("annotation.author", "must not be empty");
      }
      return CheckTexts({{"annotation.text", &note.text()},
                         {"annotation.author", &note.author()},
                         {"annotation.recorded_by", &note.recorded_by()}});
    }
    case Signal::KIND_NOT_SET:
      break;
  }
  std::vector<absl::string_view> kinds;
  for (model::Kind kind : model::kAllKinds)
    kinds.push_back(model::KindName(kind));
  return Invalid("kind", absl::StrFormat("no kind set (one of %s)",
                                         absl::StrJoin(kinds, ", ")));
}

}  // namespace

absl::Status ValidateSignal(const teamload::v1::Signal& signal,
                            KnownTeam known_team, absl::Time now) {
  if (signal.id().empty()) return Invalid("id", "must not be empty");
  if (static_cast<int64_t>(signal.id().size()) > kMaxIdBytes) {
    return Invalid("id", absl::StrFormat("is %d bytes, over the limit of %d",
                                         signal.id().size(), kMaxIdBytes));
  }
  if (absl::Status s = CheckTeam(signal.team(), known_team); !s.ok()) return s;
  if (signal.source().empty()) return Invalid("source", "must not be empty");
  if (absl::Status s = CheckTexts({{"source", &signal.source()}}); !s.ok())
    return s;
  if (!signal.has_occurred_at()) return Invalid("occurred_at", "is required");
  if (absl::Status s = CheckTime("occurred_at", signal.occurred_at(), now);
      !s.ok()) {
    return s;
  }
  return CheckKind(signal, now);
}

absl::Status ValidateTime(absl::string_view field,
                          const google::protobuf::Timestamp& ts,
                          absl::Time now) {
  return CheckTime(field, ts, now);
}

absl::Status ValidateCoverage(const teamload::v1::Coverage& coverage,
                              KnownTeam known_team, absl::Time now) {
  if (absl::Status s = CheckTeam(coverage.team(), known_team); !s.ok())
    return s;
  if (coverage.source().empty()) return Invalid("source", "must not be empty");
  if (absl::Status s = CheckTexts({{"source", &coverage.source()}}); !s.ok())
    return s;
  if (!coverage.has_covered_through())
    return Invalid("covered_through", "is required");
  return CheckTime("covered_through", coverage.covered_through(), now);
}

}  // namespace teamload::ingest
