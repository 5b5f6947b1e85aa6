#include "client/sink.h"

#include <deque>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"
#include "text/controls.h"

namespace teamload::client {
namespace {

// The input line of each of one batch's signals and heartbeats, in order (0
// for one added without a line).
struct BatchLines {
  std::vector<int64_t> signals;
  std::vector<int64_t> coverage;
};

int64_t LineAt(const std::vector<int64_t>& lines, int i) {
  return i < static_cast<int>(lines.size()) ? lines[i] : 0;
}

class ToDaemon final : public Sink {
 public:
  explicit ToDaemon(SinkOptions options)
      : options_(std::move(options)),
        client_({.endpoint = options_.endpoint,
                 .on_retry =
                     [this](int attempt, const absl::Status& error,
                            absl::Duration wait) {
                       absl::FPrintF(stderr,
                                     "%s: %s unavailable (%s); retry %d in "
                                     "%s\n",
                                     options_.program,
                                     options_.endpoint.address,
                                     text::ShowControls(error.message()),
                                     attempt, absl::FormatDuration(wait));
                     }},
                [this](const teamload::v1::IngestRequest& request,
                       const teamload::v1::IngestResponse& response) {
                  Answered(request, response);
                }) {}

  absl::Status Add(const teamload::v1::Signal& signal, int64_t line) override {
    *pending_.add_signals() = signal;
    pending_lines_.signals.push_back(line);
    return MaybeSend();
  }
  absl::Status Add(teamload::v1::Signal&& signal, int64_t line) override {
    pending_.add_signals()->Swap(&signal);
    pending_lines_.signals.push_back(line);
    return MaybeSend();
  }
  absl::Status Add(const teamload::v1::Coverage& coverage,
                   int64_t line) override {
    *pending_.add_coverage() = coverage;
    pending_lines_.coverage.push_back(line);
    return MaybeSend();
  }
  absl::Status Flush() override {
    if (absl::Status s = SendPending(); !s.ok()) return s;
    if (absl::Status s = client_.Finish(); !s.ok()) return Refused(s);
    ReportUnlisted();
    return absl::OkStatus();
  }
  const SinkTotals& totals() const override { return totals_; }
  std::string Summary() const override {
    return absl::StrFormat("signals: %s; coverage: %d accepted, %d rejected",
                           totals_.signals.ToString(),
                           totals_.coverage_accepted,
                           totals_.coverage_rejected);
  }

 private:
  absl::Status MaybeSend() {
    const int queued = pending_.signals_size() + pending_.coverage_size();
    return queued >= options_.batch_size ? SendPending() : absl::OkStatus();
  }
  absl::Status SendPending() {
    if (!refused_.ok()) return refused_;
    if (pending_.signals_size() == 0 && pending_.coverage_size() == 0) {
      return absl::OkStatus();
    }
    teamload::v1::IngestRequest batch;
    batch.Swap(&pending_);
    in_flight_.push_back(std::exchange(pending_lines_, {}));
    if (absl::Status s = client_.Send(std::move(batch)); !s.ok()) {
      return Refused(s);
    }
    return absl::OkStatus();
  }

  void Answered(const teamload::v1::IngestRequest& request,
                const teamload::v1::IngestResponse& response) {
    const BatchLines& lines = in_flight_.front();
    totals_.signals.Add(response);
    for (int i = 0; i < response.results_size(); ++i) {
      const auto& result = response.results(i);
      if (result.outcome() == teamload::v1::OUTCOME_REJECTED) {
        Report(result.id(), LineAt(lines.signals, i), result.error());
      }
    }
    for (int i = 0; i < response.coverage_results_size(); ++i) {
      const auto& result = response.coverage_results(i);
      if (result.outcome() == teamload::v1::OUTCOME_REJECTED) {
        ++totals_.coverage_rejected;
        Report(
            absl::StrCat("coverage of ", result.team(), "/", result.source()),
            LineAt(lines.coverage, i), result.error());
      } else {
        ++totals_.coverage_accepted;
      }
    }
    answered_signals_ += request.signals_size();
    in_flight_.pop_front();
  }

  // `what` (an id, a team, a source) and `error` (which may quote them) came
  // from outside: shown with their controls escaped, on one line.
  void Report(absl::string_view what, int64_t line, absl::string_view error) {
    if (++reported_ > options_.max_reported_rejections) return;
    if (line > 0) {
      absl::FPrintF(stderr, "%s:%d: rejected %s: %s\n", options_.input_name,
                    line, text::ShowControls(what), text::ShowControls(error));
    } else {
      absl::FPrintF(stderr, "rejected %s: %s\n", text::ShowControls(what),
                    text::ShowControls(error));
    }
  }

  // Rejections past max_reported_rejections were only counted: say so.
  void ReportUnlisted() const {
    if (reported_ > options_.max_reported_rejections) {
      absl::FPrintF(stderr, "%s: ... and %d more rejected\n", options_.program,
                    reported_ - options_.max_reported_rejections);
    }
  }

  // The client's final error, told with what went in before it; every later
  // call returns the same.
  absl::Status Refused(const absl::Status& error) {
    if (!refused_.ok()) return refused_;
    ReportUnlisted();
    std::string what = "a batch";
    if (!in_flight_.empty()) {
      const BatchLines& first = in_flight_.front();
      const int64_t line = !first.signals.empty()    ? first.signals.front()
                           : !first.coverage.empty() ? first.coverage.front()
                                                     : 0;
      if (line > 0) what = absl::StrFormat("lines from %d on", line);
    }
    // Retries spent on an unreachable daemon is not a refusal.
    const bool unreachable =
        absl::IsUnavailable(error) || absl::IsDeadlineExceeded(error);
    refused_ = absl::Status(
        error.code(),
        absl::StrFormat("%s %s %s: %s; %d signals before it went in; "
                        "running the same command again is safe (ingest is "
                        "idempotent)",
                        options_.endpoint.address,
                        unreachable ? "could not take" : "refused", what,
                        text::ShowControls(error.message()),
                        answered_signals_));
    return refused_;
  }

  // Constant after construction; declared first, the client's callbacks
  // read it.
  const SinkOptions options_;

  SinkTotals totals_;
  int64_t answered_signals_ = 0;
  int64_t reported_ = 0;
  absl::Status refused_;
  teamload::v1::IngestRequest pending_;
  BatchLines pending_lines_;
  // The lines of every batch sent and not yet answered, oldest first.
  std::deque<BatchLines> in_flight_;
  // Declared last: its callbacks use the state above.
  IngestClient client_;
};

class ToJsonLines final : public Sink {
 public:
  explicit ToJsonLines(std::FILE* out) : out_(out) {}

  absl::Status Add(const teamload::v1::Signal& signal, int64_t) override {
    return Print(signal);
  }
  absl::Status Add(const teamload::v1::Coverage& coverage, int64_t) override {
    return Print(coverage);
  }
  absl::Status Flush() override {
    if (std::fflush(out_) != 0 || std::ferror(out_)) {
      return absl::UnavailableError("cannot write the JSON lines");
    }
    return absl::OkStatus();
  }
  const SinkTotals& totals() const override { return totals_; }
  std::string Summary() const override {
    return absl::StrFormat("printed %d lines", totals_.printed);
  }

 private:
  absl::Status Print(const google::protobuf::Message& message) {
    line_.clear();
    if (auto s = google::protobuf::util::MessageToJsonString(message, &line_);
        !s.ok()) {
      return absl::InternalError(std::string(s.message()));
    }
    line_ += '\n';
    if (std::fwrite(line_.data(), 1, line_.size(), out_) != line_.size()) {
      return absl::UnavailableError("cannot write the JSON lines");
    }
    ++totals_.printed;
    return absl::OkStatus();
  }

  std::FILE* const out_;
  SinkTotals totals_;
  std::string line_;
};

}  // namespace

std::unique_ptr<Sink> DaemonSink(SinkOptions options) {
  return std::make_unique<ToDaemon>(std::move(options));
}

std::unique_ptr<Sink> DryRunSink(std::FILE* out) {
  return std::make_unique<ToJsonLines>(out);
}

}  // namespace teamload::client
