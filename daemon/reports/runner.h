// ReportRunner: one run of one report slot, start to end: claim the slot in
// the store (a restart or another replica that claimed it first means this
// run is skipped), render the report as of the slot, write it to the
// outbox, mail it through the Mailer when there is one (the config has an
// smtp: section) and the report has recipients, post its digest to Slack
// through the SlackPoster when the report names a webhook, log what
// happened and tell the observers. The one claim covers every channel, so
// of several replicas exactly one mails and posts. The mail's Date and the
// run's duration come from the Clock.
//
// Thread-safe: runs share nothing but the store, the model, the clock, the
// mailer and the poster, which are. Does not own any of them; they must
// outlive it.
#ifndef TEAMLOAD_DAEMON_REPORTS_RUNNER_H_
#define TEAMLOAD_DAEMON_REPORTS_RUNNER_H_

#include <functional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/model/model.h"
#include "daemon/reports/mailer.h"
#include "daemon/reports/slack.h"
#include "daemon/store/store.h"
#include "daemon/util/clock.h"

namespace teamload::reports {

enum class RunOutcome {
  kSent,     // written to the outbox, and mailed or posted or both
  kWritten,  // written to the outbox; nobody to mail or post it to
  kSkipped,  // the slot was already claimed: sent before, or by a replica
  kFailed,   // something failed (the log says what); outbox files that
             // could be written were
};

// "sent", "written", "skipped", "failed": the label of the report-run
// counter in the metrics.
absl::string_view RunOutcomeName(RunOutcome outcome);

// Told of every run once it is over, e.g. to count runs by outcome:
//   observer = [&](absl::string_view report, RunOutcome outcome) {
//     metrics.ReportRun(report, RunOutcomeName(outcome));
//   };
// Called on the scheduler's thread; must be thread-safe and quick.
using ReportRunObserver =
    std::function<void(absl::string_view report, RunOutcome outcome)>;

// Where a report goes besides the outbox.
enum class Channel { kMail, kSlack };

// "mail", "slack": the channel label of the delivery counter.
absl::string_view ChannelName(Channel channel);

// Told of every delivery tried, delivered or not, e.g. to count them:
//   on_delivery = [&](absl::string_view report, Channel channel, bool ok) {
//     metrics.ReportDelivery(report, ChannelName(channel), ok);
//   };
// A failed delivery also makes its run kFailed. Called on the scheduler's
// thread; must be thread-safe and quick.
using DeliveryObserver =
    std::function<void(absl::string_view report, Channel channel, bool ok)>;

// The ways out of teamloadd; either may be null. Without a mailer reports
// are not mailed; without a poster they are not posted; the outbox under
// the runner's folder always gets them.
struct Delivery {
  Mailer* mailer = nullptr;      // reports with recipients
  SlackPoster* slack = nullptr;  // reports with slack_webhook_env
};

class ReportRunner {
 public:
  ReportRunner(std::string reports_dir, const model::Model* model,
               store::Store* store, const util::Clock* clock, Delivery delivery,
               ReportRunObserver observer = nullptr,
               DeliveryObserver on_delivery = nullptr);

  // Runs `report`'s `slot`: the report is told as of the slot.
  RunOutcome RunSlot(const config::ReportConfig& report, absl::Time slot);

 private:
  // Constant after construction.
  const std::string reports_dir_;
  const model::Model* const model_;
  store::Store* const store_;
  const util::Clock* const clock_;
  Mailer* const mailer_;      // null: no mail
  SlackPoster* const slack_;  // null: no Slack
  const ReportRunObserver observer_;
  const DeliveryObserver on_delivery_;
};

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_RUNNER_H_
