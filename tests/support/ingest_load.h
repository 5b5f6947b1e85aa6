// IngestLoad: clients that keep sending teamloadd new pages while a test
// breaks something underneath (the database, a replica), and the record a
// test checks afterwards: which ids were acknowledged, which were sent and
// never acknowledged, and every call's status.
//
// Each client is a thread sending requests of `per_request` new pages with
// ids of its own ("<client>:<n>"), one request at a time. A request that
// fails is sent again, after a short pause, until it is acknowledged or the
// load stops, as collectors resend: so a commit whose answer was lost comes
// back to the daemon. Each call is recorded under the phase the test had
// set when it returned, so a test can tell what it expects before, during
// and after a fault.
//
// Thread-safe. The senders must outlive the load (or its Stop()).
#ifndef TEAMLOAD_TESTS_SUPPORT_INGEST_LOAD_H_
#define TEAMLOAD_TESTS_SUPPORT_INGEST_LOAD_H_

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "teamload/v1/ingest.pb.h"

namespace teamload::testing {

class IngestLoad {
 public:
  using Send = std::function<grpc::Status(const v1::IngestRequest&,
                                          v1::IngestResponse*)>;
  struct Client {
    std::string name;  // its ids' prefix
    Send send;
  };
  // One call's answer.
  struct Call {
    std::string client;
    int phase;
    grpc::StatusCode code;
    std::string message;
  };

  // What the calls of a phase (of some clients) may be answered.
  static constexpr int kAnyPhase = -1;
  struct Allowed {
    int phase = kAnyPhase;
    std::string client_prefix;  // "": every client
    std::vector<grpc::StatusCode> codes;
    std::string failure_says;  // a fragment of every failure's message
  };

  // Starts one thread per client, each sending pages of `team`.
  IngestLoad(std::string team, int per_request, std::vector<Client> clients);
  ~IngestLoad();  // Stop()s
  IngestLoad(const IngestLoad&) = delete;
  IngestLoad& operator=(const IngestLoad&) = delete;

  // Calls returning from now on are recorded under `phase` (0 at first).
  void SetPhase(int phase);
  // Stops every client once its call in flight returns. Idempotent.
  void Stop();

  // Calls recorded under `phase` with `code`, by every client.
  int64_t Count(int phase, grpc::StatusCode code) const;
  // Waits up to 30 s until Count(phase, code) >= n; whether it came.
  bool WaitForCount(int phase, grpc::StatusCode code, int64_t n) const;
  // Each call `allowed` covers that breaks it, as "client, phase: CODE
  // message"; empty when none.
  std::vector<std::string> Disallowed(const Allowed& allowed) const;
  // Calls by phase and code, with the last message of each failing code,
  // for a failure's message.
  std::string Summary() const;
  // Every call so far, in the order they returned.
  std::vector<Call> Calls() const;
  // The ids of acknowledged requests (OK, each signal ACCEPTED or
  // DUPLICATE).
  std::set<std::string> Acknowledged() const;
  // The ids each client was still sending when stopped: sent, never
  // acknowledged, and maybe stored.
  std::set<std::string> Unacknowledged() const;
  // Acknowledged ids answered DUPLICATE: their first commit's answer was
  // lost, and the resend found them stored.
  int64_t Duplicates() const;
  // Signals of acknowledged requests answered neither ACCEPTED nor
  // DUPLICATE, as "id: OUTCOME error".
  std::vector<std::string> UnexpectedOutcomes() const;

  // Sends every acknowledged request again through `send` (merged into
  // fewer, larger requests) and returns each id not answered DUPLICATE and
  // each failed call: empty when the daemon holds every acknowledged signal
  // with the content sent. REQUIRES: stopped.
  std::vector<std::string> ResendAcknowledged(const Send& send) const;

  // How `stored` (revisions per id, from the database) breaks the promise:
  // every acknowledged id stored exactly once, nothing stored that was not
  // sent, and at most one revision of an id that was sent and never
  // acknowledged. One line per breach; empty when none.
  std::vector<std::string> BreachesOfExactlyOnce(
      const std::map<std::string, int64_t>& stored) const;

 private:
  void RunClient(const Client& client);

  // Constant after construction.
  const std::string team_;
  const int per_request_;
  const absl::Time occurred_at_;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int phase_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<Call> calls_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> acknowledged_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::IngestRequest> acknowledged_requests_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> unacknowledged_ ABSL_GUARDED_BY(mu_);
  int64_t duplicates_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::string> unexpected_ ABSL_GUARDED_BY(mu_);

  std::vector<Client> clients_;
  std::vector<std::thread> threads_;
};

// `count` clients named "pd0", "pd1", ..., each sending through `send`.
std::vector<IngestLoad::Client> ClientsSendingTo(int count,
                                                 const IngestLoad::Send& send);

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_SUPPORT_INGEST_LOAD_H_
