// The catalogue of hostile inputs: each case is what an attacker (or a
// broken collector) sends to a real teamloadd, and the outcome a person
// should get: a clear error naming the field, or the input stored and shown
// inert (no control byte, no live HTML, the text as it was) in every place a
// person reads it. hostile_e2e_test runs every case against one daemon and
// checks it still serves after each.
//
// Adding a case is one entry in kCatalogue (catalogue.cc). Cases run in table
// order; each gets its own team (`Context::team`), configured in the daemon
// with a report of its own, so what one case stores never hides another's.
//
// Test-only. The table is built once and never changed (thread-compatible).
#ifndef TEAMLOAD_TESTS_HOSTILE_CATALOGUE_H_
#define TEAMLOAD_TESTS_HOSTILE_CATALOGUE_H_

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "teamload/v1/ingest.pb.h"
#include "teamload/v1/narrative.pb.h"
#include "teamload/v1/report.pb.h"
#include "teamload/v1/team.pb.h"

namespace teamload::hostile {

// Where a case runs.
struct Context {
  std::string team;  // configured for this case alone, with a report named so
  std::string id;    // unique to the case: a prefix for signal ids
  absl::Time now;    // the daemon's clock, near enough
};

// The calls a case can make.
struct IngestCall {
  v1::IngestRequest request;
};
struct IngestBytesCall {  // bytes that may not parse as an IngestRequest
  std::string bytes;
};
struct NarrativeCall {
  v1::GetNarrativeRequest request;
};
struct NarrativesCall {
  v1::ListNarrativesRequest request;
};
struct TeamCall {
  v1::GetTeamRequest request;
};
struct ReportCall {
  v1::RenderReportRequest request;
};
struct CtlCall {  // teamloadctl --addr <daemon> args..., with stdin
  std::vector<std::string> args;
  std::string input;
};
// `teamloadd --check-config` on a config with these lines after `teams:`.
struct CheckConfigCall {
  std::string teams_yaml;
};
// Nothing to send: the checks of the daemon's log over every case before.
struct DaemonLogCall {};

using Call =
    std::variant<IngestCall, IngestBytesCall, NarrativeCall, NarrativesCall,
                 TeamCall, ReportCall, CtlCall, CheckConfigCall, DaemonLogCall>;

// What a person must get.
struct Expect {
  enum class Kind {
    // Answered OK, no entry rejected; the case's team's narrative (GetNarrative
    // Markdown, `teamloadctl narrative`, `teamloadctl team`) and report
    // (Markdown and HTML) hold no control byte and no live HTML, and show
    // `shows` as its text.
    kInert,
    // Answered OK with an entry REJECTED whose error contains `says`.
    kRejected,
    // The call fails with `code` and a message containing `says`.
    kRefused,
    // A command (teamloadctl, teamloadd --check-config) exits with `exit_code`
    // and says `says` on stderr; none of its output holds a control byte.
    kCommand,
  };
  Kind kind;
  std::string says;   // a fragment of the error, naming the field
  std::string shows;  // inert: text a person must see as it was ("" = none)
  // inert: `shows` is also in the report's chart (an annotation's flag and
  // caption), at least its first characters (the chart shortens).
  bool in_chart = false;
  grpc::StatusCode code = grpc::StatusCode::OK;
  int exit_code = 0;
};

Expect Inert(std::string shows = "");
Expect InertInChart(std::string shows);
Expect Rejected(std::string says);
Expect Refused(grpc::StatusCode code, std::string says);
Expect Command(int exit_code, std::string says = "");

struct Case {
  const char* area;  // signal, coverage, team_name, as_of, report_name, ...
  const char* name;  // unique within the area; letters, digits, spaces
  std::function<Call(const Context&)> call;
  Expect expect;
  // Why the case is off, when it catches a bug in code this branch may not
  // change: it still states the correct outcome. Empty: the case runs.
  const char* disabled_because = "";
};

const std::vector<Case>& Catalogue();

}  // namespace teamload::hostile

#endif  // TEAMLOAD_TESTS_HOSTILE_CATALOGUE_H_
