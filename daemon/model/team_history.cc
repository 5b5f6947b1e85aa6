#include "daemon/model/team_history.h"

#include "absl/strings/str_cat.h"

namespace teamload::model {

void TeamHistory::ShrinkToFit() {
  pages.shrink_to_fit();
  page_ids.shrink_to_fit();
  oopses.shrink_to_fit();
  deferrals.shrink_to_fit();
  survey_notes.shrink_to_fit();
  migrations.shrink_to_fit();
  deploys.shrink_to_fit();
  deploy_ids.shrink_to_fit();
  annotations.shrink_to_fit();
}

absl::Time ToTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

PageFact ToPageFact(const teamload::v1::Signal& signal, uint32_t id_offset) {
  return {
      .occurred_s = static_cast<uint32_t>(signal.occurred_at().seconds()),
      .id_offset = id_offset,
      .id_size = static_cast<uint16_t>(signal.id().size()),
      .high_urgency = signal.page().urgency() == teamload::v1::URGENCY_HIGH};
}

void TeamHistory::AddPage(absl::string_view id, absl::Time occurred_at,
                          bool high_urgency) {
  pages.push_back(
      {.occurred_s = static_cast<uint32_t>(absl::ToUnixSeconds(occurred_at)),
       .id_offset = static_cast<uint32_t>(page_ids.size()),
       .id_size = static_cast<uint16_t>(id.size()),
       .high_urgency = high_urgency});
  page_ids.append(id.data(), id.size());
}

OopsFact ToOopsFact(const teamload::v1::Signal& signal,
                    const themes::Reader& reader) {
  const teamload::v1::Oops& oops = signal.oops();
  OopsFact fact{
      .id = signal.id(),
      .occurred_at = ToTime(signal.occurred_at()),
      .title = oops.title(),
      .themes = reader.Read(config::ThemeSource::kWriteup,
                            absl::StrCat(oops.title(), ". ", oops.summary()))};
  if (signal.oops().has_written_up_at()) {
    fact.written_up_at = ToTime(signal.oops().written_up_at());
  }
  return fact;
}

DeferralFact ToDeferralFact(const teamload::v1::Signal& signal,
                            absl::Time received_at) {
  const teamload::v1::Deferral& d = signal.deferral();
  DeferralFact fact{.id = signal.id(),
                    .occurred_at = ToTime(signal.occurred_at()),
                    .item = d.item().empty() ? signal.id() : d.item(),
                    .title = d.title(),
                    .times_deferred = d.times_deferred()};
  if (d.resolved()) {
    fact.resolved_at =
        d.has_resolved_at() ? ToTime(d.resolved_at()) : received_at;
  }
  return fact;
}

SurveyFact ToSurveyFact(const teamload::v1::Signal& signal,
                        const themes::Reader& reader) {
  const teamload::v1::SurveyNote& note = signal.survey_note();
  return {.id = signal.id(),
          .occurred_at = ToTime(signal.occurred_at()),
          .survey = note.survey(),
          .respondent = note.respondent(),
          .question = note.question(),
          .text = note.text(),
          .score = note.score(),
          .themes = reader.Read(config::ThemeSource::kSurvey, note.text())};
}

MigrationFact ToMigrationFact(const teamload::v1::Signal& signal) {
  const teamload::v1::Migration& m = signal.migration();
  MigrationFact fact{.id = signal.id(),
                     .occurred_at = ToTime(signal.occurred_at()),
                     .name = m.name().empty() ? signal.id() : m.name(),
                     .title = m.title()};
  if (m.has_planned_end()) fact.planned_end = ToTime(m.planned_end());
  if (m.has_finished_at()) fact.finished_at = ToTime(m.finished_at());
  if (m.has_retro_written_at())
    fact.retro_written_at = ToTime(m.retro_written_at());
  return fact;
}

DeployFact ToDeployFact(const teamload::v1::Signal& signal,
                        uint32_t id_offset) {
  const teamload::v1::Deploy& d = signal.deploy();
  DeployFact fact{
      .occurred_s = static_cast<uint32_t>(signal.occurred_at().seconds()),
      .id_offset = id_offset,
      .id_size = static_cast<uint16_t>(signal.id().size()),
      .failed = d.outcome() == teamload::v1::DEPLOY_OUTCOME_FAILED,
      .caused_incident = d.caused_incident()};
  // Ingest refuses negative lead times; a longer one than fits is unknown.
  if (d.has_lead_time() && d.lead_time().seconds() >= 0 &&
      d.lead_time().seconds() < DeployFact::kNoLeadTime)
    fact.lead_time_s = static_cast<uint32_t>(d.lead_time().seconds());
  return fact;
}

AnnotationFact ToAnnotationFact(const teamload::v1::Signal& signal) {
  const teamload::v1::Annotation& note = signal.annotation();
  return {.id = signal.id(),
          .occurred_at = ToTime(signal.occurred_at()),
          .text = note.text(),
          .author = note.author(),
          .recorded_by = note.recorded_by()};
}

}  // namespace teamload::model
