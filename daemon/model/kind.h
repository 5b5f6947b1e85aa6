// Signal kinds: the names used in the store, the API's signal_counts and logs.
#ifndef TEAMLOAD_DAEMON_MODEL_KIND_H_
#define TEAMLOAD_DAEMON_MODEL_KIND_H_

#include <array>
#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::model {

enum class Kind : uint8_t {
  kPage,
  kOops,
  kDeferral,
  kSurveyNote,
  kMigration,
  kDeploy,
  kAnnotation
};

inline constexpr std::array<Kind, 7> kAllKinds = {
    Kind::kPage,      Kind::kOops,   Kind::kDeferral,  Kind::kSurveyNote,
    Kind::kMigration, Kind::kDeploy, Kind::kAnnotation};

// "page", "oops", "deferral", "survey_note", "migration", "deploy",
// "annotation".
absl::string_view KindName(Kind kind);
std::optional<Kind> KindFromName(absl::string_view name);
// The kind set in the signal's oneof, if any.
std::optional<Kind> KindOf(const teamload::v1::Signal& signal);

}  // namespace teamload::model

#endif  // TEAMLOAD_DAEMON_MODEL_KIND_H_
