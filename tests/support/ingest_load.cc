#include "tests/support/ingest_load.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/process.h"

namespace teamload::testing {
namespace {

// A client's pause before sending a refused request again.
constexpr absl::Duration kResendPause = absl::Milliseconds(20);
// Signals a request when ResendAcknowledged merges requests.
constexpr int kResendSignals = 1000;

v1::IngestRequest NewPages(const std::string& team, absl::Time occurred_at,
                           const std::string& client, int64_t first,
                           int count) {
  v1::IngestRequest request;
  for (int64_t n = first; n < first + count; ++n) {
    v1::Signal* signal = request.add_signals();
    signal->set_id(absl::StrCat(client, ":", n));
    signal->set_team(team);
    signal->set_source("pagerduty");
    signal->mutable_occurred_at()->set_seconds(
        absl::ToUnixSeconds(occurred_at));
    signal->mutable_page()->set_title(absl::StrCat("db down, again (", n, ")"));
    signal->mutable_page()->set_urgency(v1::URGENCY_HIGH);
  }
  return request;
}

}  // namespace

IngestLoad::IngestLoad(std::string team, int per_request,
                       std::vector<Client> clients)
    : team_(std::move(team)),
      per_request_(per_request),
      occurred_at_(absl::FromUnixSeconds(
          absl::ToUnixSeconds(absl::Now() - absl::Hours(1)))),
      clients_(std::move(clients)) {
  for (const Client& client : clients_) {
    threads_.emplace_back([this, &client] { RunClient(client); });
  }
}

IngestLoad::~IngestLoad() { Stop(); }

void IngestLoad::SetPhase(int phase) {
  absl::MutexLock lock(&mu_);
  phase_ = phase;
}

void IngestLoad::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void IngestLoad::RunClient(const Client& client) {
  int64_t next = 0;
  for (;;) {
    const v1::IngestRequest request =
        NewPages(team_, occurred_at_, client.name, next, per_request_);
    for (;;) {
      v1::IngestResponse response;
      const grpc::Status status = client.send(request, &response);
      absl::MutexLock lock(&mu_);
      calls_.push_back(
          {client.name, phase_, status.error_code(), status.error_message()});
      if (status.ok()) {
        for (const v1::SignalResult& result : response.results()) {
          acknowledged_.insert(result.id());
          if (result.outcome() == v1::OUTCOME_DUPLICATE) {
            ++duplicates_;
          } else if (result.outcome() != v1::OUTCOME_ACCEPTED) {
            unexpected_.push_back(absl::StrCat(
                result.id(), ": ", v1::Outcome_Name(result.outcome()), " ",
                result.error()));
          }
        }
        acknowledged_requests_.push_back(request);
        break;
      }
      if (stopping_) {
        for (const v1::Signal& signal : request.signals()) {
          unacknowledged_.insert(signal.id());
        }
        return;
      }
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), kResendPause);
    }
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    next += per_request_;
  }
}

int64_t IngestLoad::Count(int phase, grpc::StatusCode code) const {
  absl::MutexLock lock(&mu_);
  int64_t count = 0;
  for (const Call& call : calls_) {
    if (call.phase == phase && call.code == code) ++count;
  }
  return count;
}

bool IngestLoad::WaitForCount(int phase, grpc::StatusCode code,
                              int64_t n) const {
  return WaitFor([&] { return Count(phase, code) >= n; });
}

std::vector<std::string> IngestLoad::Disallowed(const Allowed& allowed) const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> disallowed;
  for (const Call& call : calls_) {
    if ((allowed.phase != kAnyPhase && call.phase != allowed.phase) ||
        !absl::StartsWith(call.client, allowed.client_prefix)) {
      continue;
    }
    const bool code_allowed =
        std::find(allowed.codes.begin(), allowed.codes.end(), call.code) !=
        allowed.codes.end();
    const bool says = call.code == grpc::StatusCode::OK ||
                      absl::StrContains(call.message, allowed.failure_says);
    if (!code_allowed || !says) {
      disallowed.push_back(absl::StrCat(call.client, ", phase ", call.phase,
                                        ": code ", call.code, " ",
                                        call.message));
    }
  }
  return disallowed;
}

std::string IngestLoad::Summary() const {
  absl::MutexLock lock(&mu_);
  std::map<std::pair<int, grpc::StatusCode>, std::pair<int64_t, std::string>>
      tally;
  for (const Call& call : calls_) {
    auto& [count, message] = tally[{call.phase, call.code}];
    ++count;
    message = call.message;
  }
  std::string summary = "calls by phase and code:";
  for (const auto& [key, value] : tally) {
    absl::StrAppend(&summary, "\n  phase ", key.first, ", code ", key.second,
                    ": ", value.first);
    if (!value.second.empty())
      absl::StrAppend(&summary, " (", value.second, ")");
  }
  return summary;
}

std::vector<IngestLoad::Call> IngestLoad::Calls() const {
  absl::MutexLock lock(&mu_);
  return calls_;
}

std::set<std::string> IngestLoad::Acknowledged() const {
  absl::MutexLock lock(&mu_);
  return acknowledged_;
}

std::set<std::string> IngestLoad::Unacknowledged() const {
  absl::MutexLock lock(&mu_);
  return unacknowledged_;
}

int64_t IngestLoad::Duplicates() const {
  absl::MutexLock lock(&mu_);
  return duplicates_;
}

std::vector<std::string> IngestLoad::UnexpectedOutcomes() const {
  absl::MutexLock lock(&mu_);
  return unexpected_;
}

std::vector<std::string> IngestLoad::ResendAcknowledged(
    const Send& send) const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> not_duplicates;
  v1::IngestRequest merged;
  const auto flush = [&] {
    v1::IngestResponse response;
    const grpc::Status status = send(merged, &response);
    if (!status.ok()) {
      not_duplicates.push_back(
          absl::StrCat("resending ", merged.signals_size(),
                       " signals failed: ", status.error_message()));
    }
    for (const v1::SignalResult& result : response.results()) {
      if (result.outcome() != v1::OUTCOME_DUPLICATE) {
        not_duplicates.push_back(
            absl::StrCat(result.id(), ": ", v1::Outcome_Name(result.outcome()),
                         " ", result.error()));
      }
    }
    merged.Clear();
  };
  for (const v1::IngestRequest& request : acknowledged_requests_) {
    for (const v1::Signal& signal : request.signals()) {
      *merged.add_signals() = signal;
      if (merged.signals_size() == kResendSignals) flush();
    }
  }
  if (merged.signals_size() > 0) flush();
  return not_duplicates;
}

std::vector<std::string> IngestLoad::BreachesOfExactlyOnce(
    const std::map<std::string, int64_t>& stored) const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> breaches;
  for (const std::string& id : acknowledged_) {
    const auto it = stored.find(id);
    const int64_t revisions = it == stored.end() ? 0 : it->second;
    if (revisions != 1) {
      breaches.push_back(absl::StrCat("acknowledged ", id, " is stored ",
                                      revisions, " times"));
    }
  }
  for (const auto& [id, revisions] : stored) {
    if (acknowledged_.contains(id)) continue;
    if (!unacknowledged_.contains(id)) {
      breaches.push_back(absl::StrCat(id, " is stored but was never sent"));
    } else if (revisions != 1) {
      breaches.push_back(absl::StrCat("unacknowledged ", id, " is stored ",
                                      revisions, " times"));
    }
  }
  return breaches;
}

std::vector<IngestLoad::Client> ClientsSendingTo(int count,
                                                 const IngestLoad::Send& send) {
  std::vector<IngestLoad::Client> clients;
  for (int c = 0; c < count; ++c) {
    clients.push_back({absl::StrCat("pd", c), send});
  }
  return clients;
}

}  // namespace teamload::testing
