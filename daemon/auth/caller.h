// Caller: who is making a call, as the API edge established it from a
// token (or the one local caller of an insecure_local daemon), with what
// the role allows and which teams are in scope. Handlers receive a Caller;
// they never see credentials.
//
// A plain value; thread-compatible.
#ifndef TEAMLOAD_DAEMON_AUTH_CALLER_H_
#define TEAMLOAD_DAEMON_AUTH_CALLER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "daemon/config/config.h"

namespace teamload::auth {

// What a call needs its caller's role to allow.
enum class Right {
  kIngest,    // IngestService: signals and coverage (collector, admin)
  kRead,      // teams, narratives, themes, reports, watch (reader, admin)
  kMetrics,   // GET /metrics (metrics, admin)
  kErase,     // AdminService.Erase (admin only)
  kAnnotate,  // AnnotationService.Annotate (reader, admin)
};

// "ingest", "read", "metrics", "erase", "annotate".
absl::string_view RightName(Right right);

struct Caller {
  std::string name;  // the token's name; "local" for insecure_local
  config::Role role = config::Role::kReader;
  std::vector<std::string> teams;  // patterns (config::MatchesTeam)

  // insecure_local: the machine's own user, allowed everything.
  static Caller Local();

  bool May(Right right) const;
  // Whether `team` is in scope. Out of scope and missing look the same to
  // the caller: callers say "not in scope", never "no such team".
  bool Sees(absl::string_view team) const;
  // "payments, payments-*", for messages.
  std::string ScopeText() const;
};

}  // namespace teamload::auth

#endif  // TEAMLOAD_DAEMON_AUTH_CALLER_H_
