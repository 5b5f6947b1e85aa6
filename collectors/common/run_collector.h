// RunCollector: the skeleton of every collector binary. A collector's main
// brings its parser, the key that merges a source object's records, and the
// mapping to signals; RunCollector does the rest, the same way for every
// source: the command line (the shared flags, the source's own, --help), the
// team mapping, the inputs (files and folders of them, or a live API's
// pages), delivery of the signals and of a coverage heartbeat for every
// mapped team through teamload::client, the summary line and the exit code.
//
// Exit codes: 0 all went in; 1 something was skipped (malformed, unmapped or
// rejected) unless --allow-partial; 2 teamloadd could not take it, the
// command line or the mapping is wrong, or a live fetch stopped early (what
// was read went in, but no coverage, since the look was not complete).
#ifndef TEAMLOAD_COLLECTORS_COMMON_RUN_COLLECTOR_H_
#define TEAMLOAD_COLLECTORS_COMMON_RUN_COLLECTOR_H_

#include <functional>
#include <optional>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collectors/common/collected.h"
#include "collectors/common/http_client.h"
#include "collectors/common/paged_fetch.h"
#include "collectors/common/record_error.h"
#include "collectors/common/team_mapping.h"
#include "teamload/v1/signal.pb.h"

namespace teamload::collectors {

// The live mode of a source with an API: --api-url, --api-token-env, --auth.
struct LiveMode {
  std::string default_token_env;  // "PAGERDUTY_TOKEN"
  std::string default_auth;       // "token", "bearer" or "basic"
  std::vector<std::string> headers;
  // Fetches every page from `url`, handing each to `sink`; the page count.
  std::function<absl::StatusOr<int>(HttpClient& client, const std::string& url,
                                    PageSink sink)>
      fetch;
  // How far a complete fetch sees, for coverage, given the moment it
  // started; null: that moment.
  std::function<absl::Time(absl::Time started)> through;
};

// Hands one signal on, or, without one, why no team claims its source
// object ("" when the record simply makes no signal).
using Keep = absl::FunctionRef<void(std::optional<teamload::v1::Signal>,
                                    absl::string_view unmapped_why)>;

// Maps every record of `records` with `to_signal(record, mapping, &why)`
// and hands the result to `keep`: a source's whole emit step, e.g.
//   KeepEach(alerts | std::views::values, mapping, keep, opsgenie::ToSignal);
template <typename Records, typename ToSignal>
void KeepEach(const Records& records, const TeamMapping& mapping, Keep keep,
              ToSignal to_signal) {
  for (const auto& record : records) {
    std::string why;
    std::optional<teamload::v1::Signal> signal =
        to_signal(record, mapping, &why);
    keep(std::move(signal), why);
  }
}

// KeepEach with two mappings of every record, e.g. an issue's deferral and
// its migration: a record no team claims is reported once, by `first`.
template <typename Records, typename First, typename Second>
void KeepEachTwice(const Records& records, const TeamMapping& mapping,
                   Keep keep, First first, Second second) {
  for (const auto& record : records) {
    std::string why;
    // Each mapping before its `why` is read: argument order is unspecified.
    std::optional<teamload::v1::Signal> signal = first(record, mapping, &why);
    keep(std::move(signal), why);
    if (!why.empty()) continue;
    signal = second(record, mapping, &why);
    keep(std::move(signal), why);
  }
}

// The emit step of a source that keeps its records in a map by key: every
// record, in key order, mapped with `to_signal`, e.g.
//   .emit = EmitEach(alerts, opsgenie::ToSignal),
// `records` must outlive the run.
template <typename RecordsByKey, typename ToSignal>
std::function<void(const TeamMapping&, Collected&, Keep)> EmitEach(
    const RecordsByKey& records, ToSignal to_signal) {
  return
      [&records, to_signal](const TeamMapping& mapping, Collected&, Keep keep) {
        KeepEach(records | std::views::values, mapping, keep, to_signal);
      };
}

struct CollectorSpec {
  std::string source;       // "opsgenie": the coverage heartbeats' source
  std::string description;  // --help's text, after "<program>: "
  std::string examples;     // --help's footer
  // What is read inside folders named as INPUTS.
  std::vector<std::string> extensions = {".json"};
  std::optional<LiveMode> live;

  // Adds the source's own flags (may be null).
  std::function<void(CLI::App& app)> add_flags;
  // Checks them once parsed (`live`: --api-url was given); an error ends the
  // run with exit 2, its message after the program's name. May be null.
  std::function<absl::Status(bool live)> check_flags;
  // The source's own reading of INPUTS, instead of the files with
  // `extensions`: the files to read, with what it cannot use reported and
  // counted into `collected`. May be null.
  std::function<std::vector<std::string>(const std::vector<std::string>& inputs,
                                         Collected& collected)>
      list_inputs;
  // Reads one file, or one fetched page, into the source's own state,
  // counting records (and the newest) into `collected`; returns what it
  // could not read.
  std::function<std::vector<RecordError>(
      const std::string& text, const std::string& name, Collected& collected)>
      read;
  // Turns everything read into signals, each handed to `keep`.
  std::function<void(const TeamMapping& mapping, Collected& collected,
                     Keep keep)>
      emit;

  // "teamload-opsgenie": the binary, in messages and the User-Agent.
  std::string program() const { return "teamload-" + source; }
};

// Runs the collector `spec` describes; returns the exit code.
int RunCollector(const CollectorSpec& spec, int argc, char** argv);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_RUN_COLLECTOR_H_
