#include "daemon/api/ingest_service.h"

#include <chrono>
#include <deque>
#include <memory>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace teamload::api {

grpc::Status IngestService::Admit(const teamload::v1::IngestRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  grpc::Status admitted = edge_->AdmitIngest(request);
  if (!admitted.ok() && observer_ != nullptr) {
    // The Edge answers INVALID_ARGUMENT for the signal count and
    // RESOURCE_EXHAUSTED for the byte size (edge.h).
    observer_->RequestRefused(
        admitted.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED
            ? ingest::Refusal::kTooManyBytes
            : ingest::Refusal::kTooManySignals,
        absl::FromChrono(std::chrono::steady_clock::now() - started));
  }
  return admitted;
}

grpc::Status IngestService::IngestAdmitted(
    const teamload::v1::IngestRequest& request,
    teamload::v1::IngestResponse* response, absl::Notification* queued) {
  const auto started = std::chrono::steady_clock::now();
  const auto took = [&] {
    return absl::FromChrono(std::chrono::steady_clock::now() - started);
  };
  absl::StatusOr<teamload::v1::IngestResponse> result =
      ingestor_->Ingest(request, queued);
  if (!result.ok()) {
    if (observer_ != nullptr) {
      observer_->RequestRefused(ingest::Refusal::kStoreError, took());
    }
    return ToGrpcStatus(result.status());
  }
  *response = std::move(*result);
  if (observer_ != nullptr) {
    observer_->RequestAnswered(request, *response, took());
  }
  return grpc::Status::OK;
}

grpc::Status IngestService::Ingest(grpc::ServerContext*,
                                   const teamload::v1::IngestRequest* request,
                                   teamload::v1::IngestResponse* response) {
  if (grpc::Status admitted = Admit(*request); !admitted.ok()) return admitted;
  return IngestAdmitted(*request, response);
}

namespace {

// Requests of one stream in the daemon at once (the client keeps 4 in
// flight, client/ingest_client.h).
constexpr size_t kStreamWindow = 8;

}  // namespace

// One admitted request of a stream, on its own thread until answered.
struct IngestService::StreamRequest {
  teamload::v1::IngestRequest request;
  teamload::v1::IngestResponse response;
  grpc::Status status;
  // Notified once the request holds its place in the commit order.
  absl::Notification queued;
  // Notified once its answer went out, or will not: the next one writes
  // only after it, so answers keep the order of the requests.
  absl::Notification answered;
  std::thread worker;
};

grpc::Status IngestService::IngestStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<teamload::v1::IngestResponse,
                             teamload::v1::IngestRequest>* stream) {
  // Pipelined: while one request commits, the next is read, admitted,
  // validated and hashed, and group commit writes the requests that meet in
  // its queue together. A request is queued only once the one before holds
  // its place, so a stream's revisions are classified in the order they were
  // sent, and answers go back in that order. A request the Edge refuses ends
  // the stream with the Edge's status once the ones before are answered. A
  // store failure cancels the stream (the client sees CANCELLED and resends
  // what it was not answered for). A message over the transport's limit
  // (twice limits.max_request_bytes) ends the call at once, before the
  // requests in flight are answered: they went in, and their resend is a
  // duplicate.
  // Shared: a worker keeps the request before it alive to wait on it.
  std::deque<std::shared_ptr<StreamRequest>> in_flight;
  absl::Mutex mu;
  grpc::Status failure;  // guarded by mu: the store's, once it failed
  const auto oldest_done = [&] {
    in_flight.front()->worker.join();
    in_flight.pop_front();
  };
  const auto failed = [&] {
    absl::MutexLock lock(&mu);
    return !failure.ok();
  };
  grpc::Status refusal;
  for (;;) {
    auto next = std::make_shared<StreamRequest>();
    if (failed() || !stream->Read(&next->request)) break;
    if (refusal = Admit(next->request); !refusal.ok()) break;
    std::shared_ptr<StreamRequest> previous =
        in_flight.empty() ? nullptr : in_flight.back();
    StreamRequest* r = next.get();
    r->worker = std::thread([this, r, previous = std::move(previous), stream,
                             context, &mu, &failure] {
      r->status = IngestAdmitted(r->request, &r->response, &r->queued);
      if (!r->queued.HasBeenNotified()) r->queued.Notify();
      if (previous != nullptr) previous->answered.WaitForNotification();
      bool write = false;
      {
        absl::MutexLock lock(&mu);
        if (failure.ok() && !r->status.ok()) {
          failure = r->status;
          context->TryCancel();  // wakes the handler's Read
        }
        write = failure.ok();
      }
      // One writer at a time: `answered` orders them.
      if (write) stream->Write(r->response);  // false: the client went away
      r->answered.Notify();
    });
    r->queued.WaitForNotification();
    in_flight.push_back(std::move(next));
    while (in_flight.size() >= kStreamWindow) oldest_done();
  }
  while (!in_flight.empty()) oldest_done();
  absl::MutexLock lock(&mu);
  return !failure.ok() ? failure : refusal;
}

}  // namespace teamload::api
