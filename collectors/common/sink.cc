#include "collectors/common/sink.h"

#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"

namespace teamload::collectors {
namespace {

class ToDaemon final : public Sink {
 public:
  ToDaemon(const std::string& address, int batch_size)
      : client_({.address = address,
                 .on_retry =
                     [address](int attempt, const absl::Status& error,
                               absl::Duration wait) {
                       absl::FPrintF(stderr,
                                     "%s unavailable (%s); retry %d in %s\n",
                                     address, error.message(), attempt,
                                     absl::FormatDuration(wait));
                     }},
                [this](const teamload::v1::IngestRequest&,
                       const teamload::v1::IngestResponse& response) {
                  Count(response);
                }),
        batch_size_(batch_size) {}

  absl::Status Add(const teamload::v1::Signal& signal) override {
    *request_.add_signals() = signal;
    return request_.signals_size() >= batch_size_ ? SendBatch()
                                                  : absl::OkStatus();
  }
  absl::Status Add(const teamload::v1::Coverage& coverage) override {
    *request_.add_coverage() = coverage;
    return request_.coverage_size() >= batch_size_ ? SendBatch()
                                                   : absl::OkStatus();
  }
  absl::Status Flush() override {
    if (absl::Status s = SendBatch(); !s.ok()) return s;
    return client_.Finish();
  }
  std::string Summary() const override {
    return absl::StrFormat("signals: %s; coverage rejected: %d",
                           totals_.ToString(), coverage_rejected_);
  }
  int64_t rejected() const override {
    return totals_.rejected + coverage_rejected_;
  }

 private:
  absl::Status SendBatch() {
    if (request_.signals_size() == 0 && request_.coverage_size() == 0)
      return absl::OkStatus();
    teamload::v1::IngestRequest batch;
    batch.Swap(&request_);
    return client_.Send(std::move(batch));
  }
  void Count(const teamload::v1::IngestResponse& response) {
    totals_.Add(response);
    for (const auto& r : response.results()) {
      if (r.outcome() == teamload::v1::OUTCOME_REJECTED) {
        absl::FPrintF(stderr, "rejected %s: %s\n", r.id(), r.error());
      }
    }
    for (const auto& r : response.coverage_results()) {
      if (r.outcome() == teamload::v1::OUTCOME_REJECTED) {
        absl::FPrintF(stderr, "rejected coverage of %s: %s\n", r.team(),
                      r.error());
        ++coverage_rejected_;
      }
    }
  }

  // Declared first: the client's callback counts into them.
  IngestTotals totals_;
  int64_t coverage_rejected_ = 0;
  IngestClient client_;
  const int batch_size_;
  teamload::v1::IngestRequest request_;
};

class ToStdout final : public Sink {
 public:
  absl::Status Add(const teamload::v1::Signal& signal) override {
    return Print(signal);
  }
  absl::Status Add(const teamload::v1::Coverage& coverage) override {
    return Print(coverage);
  }
  absl::Status Flush() override {
    std::fflush(stdout);
    return absl::OkStatus();
  }
  std::string Summary() const override {
    return absl::StrFormat("printed %d lines", lines_);
  }
  int64_t rejected() const override { return 0; }

 private:
  absl::Status Print(const google::protobuf::Message& message) {
    std::string json;
    if (auto s = google::protobuf::util::MessageToJsonString(message, &json);
        !s.ok()) {
      return absl::InternalError(std::string(s.message()));
    }
    absl::PrintF("%s\n", json);
    ++lines_;
    return absl::OkStatus();
  }
  int64_t lines_ = 0;
};

}  // namespace

std::unique_ptr<Sink> DaemonSink(const std::string& address, int batch_size) {
  return std::make_unique<ToDaemon>(address, batch_size);
}

std::unique_ptr<Sink> DryRunSink() { return std::make_unique<ToStdout>(); }

}  // namespace teamload::collectors
