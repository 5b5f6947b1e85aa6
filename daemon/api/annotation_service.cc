#include "daemon/api/annotation_service.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/ingest/validate.h"
#include "daemon/util/log.h"
#include "google/protobuf/util/time_util.h"
#include "text/abbreviate.h"
#include "xxhash.h"

namespace teamload::api {
namespace {

constexpr absl::string_view kIdPrefix = "annotation:";

// The same team, moment, author, text and token give the same id. The
// token is part of it so that nobody else's note can land on (and so
// revise) an annotation someone corrected away from these words.
std::string NewId(const teamload::v1::Signal& signal) {
  const teamload::v1::Annotation& note = signal.annotation();
  const std::string key =
      absl::StrCat(signal.team(), "\n", signal.occurred_at().seconds(), "\n",
                   note.author(), "\n", note.recorded_by(), "\n", note.text());
  return absl::StrFormat("%s%016x", kIdPrefix,
                         XXH3_64bits(key.data(), key.size()));
}

// The ingest rule's message in the request's own field names.
std::string RequestFields(std::string message) {
  if (absl::StartsWith(message, "annotation.")) {
    message.erase(0, std::string("annotation.").size());
  }
  return message;
}

}  // namespace

grpc::Status AnnotationService::Annotate(
    grpc::ServerContext* context, const teamload::v1::AnnotateRequest* request,
    teamload::v1::AnnotateResponse* response) {
  constexpr absl::string_view kRpc = "Annotate";
  absl::StatusOr<auth::Caller> caller =
      edge_->AdmitTeam(*context, auth::Right::kAnnotate, kRpc, request->team());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (absl::StatusOr<teamload::v1::Team> team =
          model_->GetTeam(request->team());
      !team.ok()) {
    return ToGrpcStatus(team.status());
  }
  const absl::Time now = clock_->Now();
  if (request->has_at()) {
    if (absl::Status s = ingest::ValidateTime("at", request->at(), now);
        !s.ok()) {
      return ToGrpcStatus(s);
    }
  }

  teamload::v1::Signal signal;
  signal.set_team(request->team());
  signal.set_source("annotation");
  *signal.mutable_occurred_at() =
      request->has_at() ? request->at()
                        : google::protobuf::util::TimeUtil::SecondsToTimestamp(
                              absl::ToUnixSeconds(now));
  teamload::v1::Annotation& note = *signal.mutable_annotation();
  note.set_text(request->text());
  note.set_author(request->author().empty() ? caller->name : request->author());
  note.set_recorded_by(caller->name);

  if (request->id().empty()) {
    signal.set_id(NewId(signal));
  } else {
    const std::optional<model::Model::FoundAnnotation> found =
        model_->FindAnnotation(request->id());
    if (!found.has_value() || found->team != request->team()) {
      return ToGrpcStatus(absl::NotFoundError(
          absl::StrFormat("team \"%s\" has no annotation \"%s\" to correct",
                          text::Abbreviated(request->team()),
                          text::Abbreviated(request->id()))));
    }
    if (found->annotation.recorded_by != caller->name ||
        found->annotation.author != note.author()) {
      return ToGrpcStatus(absl::PermissionDeniedError(absl::StrFormat(
          "annotation \"%s\" was written by \"%s\" with token \"%s\": only "
          "its author may correct it",
          text::Abbreviated(request->id()), found->annotation.author,
          found->annotation.recorded_by)));
    }
    signal.set_id(request->id());
  }

  teamload::v1::IngestRequest ingest;
  *ingest.add_signals() = signal;
  absl::StatusOr<teamload::v1::IngestResponse> answer =
      ingestor_->Ingest(ingest);
  if (!answer.ok()) return ToGrpcStatus(answer.status());
  const teamload::v1::SignalResult& result = answer->results(0);
  switch (result.outcome()) {
    case teamload::v1::OUTCOME_ACCEPTED:
    case teamload::v1::OUTCOME_REVISED:
      response->set_changed(true);
      util::LogInfo("%s annotation %s for team \"%s\" by \"%s\" (token \"%s\")",
                    result.outcome() == teamload::v1::OUTCOME_ACCEPTED
                        ? "recorded"
                        : "corrected",
                    signal.id(), text::Abbreviated(signal.team()),
                    text::Abbreviated(note.author()), caller->name);
      break;
    case teamload::v1::OUTCOME_DUPLICATE:
      break;
    default:
      return ToGrpcStatus(
          absl::InvalidArgumentError(RequestFields(result.error())));
  }
  edge_->Audit(*caller, *context, std::string(kRpc), {signal.team()});
  response->set_id(signal.id());
  return grpc::Status::OK;
}

}  // namespace teamload::api
