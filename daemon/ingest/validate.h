// Signal and coverage validation: pure functions, no I/O, no clock (`now` is
// a parameter). An error names the field and the rule it broke, e.g.
// `survey_note.score: 7 is outside 0..5`.
#ifndef TEAMLOAD_DAEMON_INGEST_VALIDATE_H_
#define TEAMLOAD_DAEMON_INGEST_VALIDATE_H_

#include <cstdint>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::ingest {

inline constexpr int64_t kMaxIdBytes = 256;
inline constexpr int64_t kMaxTextBytes = 16 * 1024;
// An annotation is one line: a narrative lists it as it is.
inline constexpr int64_t kMaxAnnotationBytes = 500;

// Whether a team name is in the registry.
using KnownTeam = absl::FunctionRef<bool(absl::string_view)>;

absl::Status ValidateSignal(const teamload::v1::Signal& signal,
                            KnownTeam known_team, absl::Time now);

// A well-formed timestamp between 2000-01-01 and a day from `now`; the
// error names `field`.
absl::Status ValidateTime(absl::string_view field,
                          const google::protobuf::Timestamp& ts,
                          absl::Time now);

absl::Status ValidateCoverage(const teamload::v1::Coverage& coverage,
                              KnownTeam known_team, absl::Time now);

}  // namespace teamload::ingest

#endif  // TEAMLOAD_DAEMON_INGEST_VALIDATE_H_
