#include "daemon/model/kind.h"

namespace teamload::model {

absl::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kPage:
      return "page";
    case Kind::kOops:
      return "oops";
    case Kind::kDeferral:
      return "deferral";
    case Kind::kSurveyNote:
      return "survey_note";
    case Kind::kMigration:
      return "migration";
    case Kind::kDeploy:
      return "deploy";
    case Kind::kAnnotation:
      return "annotation";
  }
  return "unknown";
}

std::optional<Kind> KindFromName(absl::string_view name) {
  for (Kind kind : kAllKinds) {
    if (KindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::optional<Kind> KindOf(const teamload::v1::Signal& signal) {
  using teamload::v1::Signal;
  switch (signal.kind_case()) {
    case Signal::kPage:
      return Kind::kPage;
    case Signal::kOops:
      return Kind::kOops;
    case Signal::kDeferral:
      return Kind::kDeferral;
    case Signal::kSurveyNote:
      return Kind::kSurveyNote;
    case Signal::kMigration:
      return Kind::kMigration;
    case Signal::kDeploy:
      return Kind::kDeploy;
    case Signal::kAnnotation:
      return Kind::kAnnotation;
    case Signal::KIND_NOT_SET:
      break;
  }
  return std::nullopt;
}

}  // namespace teamload::model
