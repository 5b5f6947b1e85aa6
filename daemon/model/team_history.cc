#include "daemon/model/team_history.h"

namespace teamload::model {

absl::Time ToTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

PageFact ToPageFact(const teamload::v1::Signal& signal) {
  return {.id = signal.id(),
          .occurred_at = ToTime(signal.occurred_at()),
          .high_urgency = signal.page().urgency() == teamload::v1::URGENCY_HIGH};
}

OopsFact ToOopsFact(const teamload::v1::Signal& signal) {
  OopsFact fact{.id = signal.id(),
                .occurred_at = ToTime(signal.occurred_at()),
                .title = signal.oops().title()};
  if (signal.oops().has_written_up_at()) {
    fact.written_up_at = ToTime(signal.oops().written_up_at());
  }
  return fact;
}

DeferralFact ToDeferralFact(const teamload::v1::Signal& signal) {
  const teamload::v1::Deferral& d = signal.deferral();
  DeferralFact fact{.id = signal.id(),
                    .occurred_at = ToTime(signal.occurred_at()),
                    .item = d.item().empty() ? signal.id() : d.item(),
                    .title = d.title(),
                    .times_deferred = d.times_deferred()};
  if (d.resolved()) {
    fact.resolved_at = d.has_resolved_at() ? ToTime(d.resolved_at()) : fact.occurred_at;
  }
  return fact;
}

SurveyFact ToSurveyFact(const teamload::v1::Signal& signal) {
  const teamload::v1::SurveyNote& note = signal.survey_note();
  return {.id = signal.id(),
          .occurred_at = ToTime(signal.occurred_at()),
          .survey = note.survey(),
          .respondent = note.respondent(),
          .question = note.question(),
          .text = note.text(),
          .score = note.score()};
}

}  // namespace teamload::model
