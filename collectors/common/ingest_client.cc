#include "collectors/common/ingest_client.h"

#include <algorithm>
#include <random>
#include <thread>

#include "absl/strings/str_format.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace teamload::collectors {

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

IngestClient::IngestClient(IngestClientOptions options)
    : options_(std::move(options)),
      stub_(teamload::v1::IngestService::NewStub(grpc::CreateChannel(
          options_.address, grpc::InsecureChannelCredentials()))) {}

absl::StatusOr<teamload::v1::IngestResponse> IngestClient::Send(
    const teamload::v1::IngestRequest& request) {
  std::mt19937_64 rng(std::random_device{}());
  absl::Duration backoff = options_.initial_backoff;
  for (int attempt = 1;; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(
        absl::ToChronoTime(absl::Now() + options_.rpc_timeout));
    teamload::v1::IngestResponse response;
    const grpc::Status status = stub_->Ingest(&context, request, &response);
    if (status.ok()) return response;
    const absl::Status error(static_cast<absl::StatusCode>(status.error_code()),
                             status.error_message());
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE ||
        attempt >= options_.max_attempts) {
      return error;
    }
    // Full jitter keeps many collectors from retrying in lockstep.
    const absl::Duration wait =
        absl::Nanoseconds(std::uniform_int_distribution<int64_t>(
            absl::ToInt64Nanoseconds(backoff) / 2,
            absl::ToInt64Nanoseconds(backoff))(rng));
    if (options_.on_retry) options_.on_retry(attempt, error, wait);
    absl::SleepFor(wait);
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

}  // namespace teamload::collectors
