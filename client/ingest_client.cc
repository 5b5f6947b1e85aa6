#include "client/ingest_client.h"

#include <algorithm>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace teamload::client {

void IngestTotals::Add(const teamload::v1::IngestResponse& response) {
  for (const auto& result : response.results()) {
    switch (result.outcome()) {
      case teamload::v1::OUTCOME_ACCEPTED:
        ++accepted;
        break;
      case teamload::v1::OUTCOME_DUPLICATE:
        ++duplicate;
        break;
      case teamload::v1::OUTCOME_REVISED:
        ++revised;
        break;
      default:
        ++rejected;
        break;
    }
  }
}

std::string IngestTotals::ToString() const {
  return absl::StrFormat("%d accepted, %d duplicate, %d revised, %d rejected",
                         accepted, duplicate, revised, rejected);
}

namespace {

// A channel of its own: gRPC shares connections (and their reconnect
// backoff, 1 s growing to 2 min) between channels to one address, which
// would keep failing calls long after the daemon is back. A new channel per
// retry lets our backoff alone decide the pace.
absl::StatusOr<std::unique_ptr<teamload::v1::IngestService::Stub>> NewStub(
    const Endpoint& endpoint) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      Connect(endpoint, args);
  if (!channel.ok()) return channel.status();
  return teamload::v1::IngestService::NewStub(*channel);
}

}  // namespace

struct IngestClient::Stream {
  // Declared before `rw`, so it outlives it.
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReaderWriter<teamload::v1::IngestRequest,
                                           teamload::v1::IngestResponse>>
      rw;
  absl::Time opened;
};

IngestClient::IngestClient(IngestClientOptions options, OnResponse on_response)
    : options_(std::move(options)),
      on_response_(std::move(on_response)),
      backoff_(options_.initial_backoff) {
  Reconnect();
}

void IngestClient::Reconnect() {
  absl::StatusOr<std::unique_ptr<teamload::v1::IngestService::Stub>> stub =
      NewStub(options_.endpoint);
  if (stub.ok()) {
    stub_ = *std::move(stub);
  } else {
    broken_ = stub.status();
  }
}

IngestClient::~IngestClient() {
  if (stream_ != nullptr) {
    stream_->context.TryCancel();
    (void)Close();
  }
}

absl::Status IngestClient::Send(teamload::v1::IngestRequest request) {
  if (!broken_.ok()) return broken_;
  if (stream_ != nullptr &&
      absl::Now() - stream_->opened > options_.rpc_timeout / 2) {
    if (absl::Status s = Finish(); !s.ok()) return s;
  }
  while (static_cast<int>(in_flight_.size()) >= std::max(1, options_.window)) {
    if (absl::Status s = ReceiveOne(); !s.ok()) return s;
  }
  in_flight_.push_back(std::move(request));
  if (stream_ == nullptr) {
    Open();
    return WriteAll() ? absl::OkStatus() : Recover();
  }
  return stream_->rw->Write(in_flight_.back()) ? absl::OkStatus() : Recover();
}

absl::Status IngestClient::Finish() {
  if (!broken_.ok()) return broken_;
  while (!in_flight_.empty()) {
    if (absl::Status s = ReceiveOne(); !s.ok()) return s;
  }
  if (stream_ == nullptr) return absl::OkStatus();
  stream_->rw->WritesDone();
  // Every batch has its answer, so how the stream ends (even past its
  // deadline) changes nothing that was sent.
  (void)Close();
  return absl::OkStatus();
}

absl::Status IngestClient::ReceiveOne() {
  teamload::v1::IngestResponse response;
  while (!stream_->rw->Read(&response)) {
    if (absl::Status s = Recover(); !s.ok()) return s;
    // Recovering may have received the rest and closed the stream.
    if (in_flight_.empty()) return absl::OkStatus();
  }
  Answered(response);
  return absl::OkStatus();
}

void IngestClient::Answered(const teamload::v1::IngestResponse& response) {
  on_response_(in_flight_.front(), response);
  in_flight_.pop_front();
  ++answered_;
  failures_in_a_row_ = 0;
  backoff_ = options_.initial_backoff;
}

absl::Status IngestClient::Recover() {
  std::mt19937_64 rng(std::random_device{}());
  for (;;) {
    // Answers that arrived before the stream broke are real: hand them on.
    teamload::v1::IngestResponse response;
    while (!in_flight_.empty() && stream_->rw->Read(&response)) {
      Answered(response);
    }
    absl::Status error = Close();
    if (error.ok()) {
      if (in_flight_.empty()) return absl::OkStatus();
      error = absl::UnavailableError("the stream ended before every answer");
    }
    // A stream outlives its deadline when the batches come slowly (a
    // producer on a pipe): like a broken connection, a new stream fixes it.
    const bool worth_retrying = absl::IsUnavailable(error) ||
                                absl::IsDeadlineExceeded(error) ||
                                pushback_.has_value();
    if (!worth_retrying || ++failures_in_a_row_ >= options_.max_attempts) {
      broken_ = error;
      return error;
    }
    // Full jitter keeps many collectors from retrying in lockstep.
    const absl::Duration wait =
        pushback_.value_or(absl::ZeroDuration()) +
        absl::Nanoseconds(std::uniform_int_distribution<int64_t>(
            absl::ToInt64Nanoseconds(backoff_) / 2,
            absl::ToInt64Nanoseconds(backoff_))(rng));
    if (options_.on_retry) options_.on_retry(failures_in_a_row_, error, wait);
    absl::SleepFor(wait);
    backoff_ = std::min(backoff_ * 2, options_.max_backoff);
    Reconnect();
    if (!broken_.ok()) return broken_;
    Open();
    if (WriteAll()) return absl::OkStatus();
  }
}

void IngestClient::Open() {
  stream_ = std::make_unique<Stream>();
  stream_->opened = absl::Now();
  stream_->context.set_deadline(
      absl::ToChronoTime(stream_->opened + options_.rpc_timeout));
  stream_->rw = stub_->IngestStream(&stream_->context);
}

bool IngestClient::WriteAll() {
  for (const teamload::v1::IngestRequest& request : in_flight_) {
    if (!stream_->rw->Write(request)) return false;
  }
  return true;
}

absl::Status IngestClient::Close() {
  const grpc::Status status = stream_->rw->Finish();
  pushback_ = OverloadPushback(status, stream_->context);
  stream_.reset();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

std::optional<absl::Duration> OverloadPushback(
    const grpc::Status& status, const grpc::ClientContext& context) {
  if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) {
    return std::nullopt;
  }
  if (status.error_message() == kThreadpoolExhausted) {
    return absl::ZeroDuration();
  }
  const auto& trailers = context.GetServerTrailingMetadata();
  const auto found = trailers.find(kRetryPushbackKey);
  int64_t ms;
  if (found == trailers.end() ||
      !absl::SimpleAtoi(
          absl::string_view(found->second.data(), found->second.size()), &ms) ||
      ms < 0) {
    return std::nullopt;
  }
  return absl::Milliseconds(ms);
}

}  // namespace teamload::client
