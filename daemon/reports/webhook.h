// Slack incoming webhooks with libcurl: the daemon's SlackPoster. Each
// report that names `slack_webhook_env` gets its URL from that environment
// variable once, at start; the URL is a secret (whoever has it can post to
// the channel), so it is never logged, never in an error message and never
// in the config file.
//
// A webhook URL must be https://; http:// is allowed only to a loopback host
// (127.0.0.0/8, [::1], localhost), where tests run their server. A post is
// one JSON POST with a timeout, no redirect followed, TLS verified against
// the system's CAs.
//
// Thread-safe: each post uses its own curl handle; the URLs are constant.
#ifndef TEAMLOAD_DAEMON_REPORTS_WEBHOOK_H_
#define TEAMLOAD_DAEMON_REPORTS_WEBHOOK_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/reports/slack.h"

namespace teamload::reports {

// OK when `url` may be a webhook: https://HOST/..., or http:// to a
// loopback host. The message never repeats the URL.
absl::Status CheckWebhookUrl(absl::string_view url);

// POSTs `json` to `url`. UNAVAILABLE when the server cannot be reached or
// does not answer in time, with libcurl's reason, and when it answers
// other than 2xx, naming the status and the start of the body (Slack
// answers "invalid_payload", "no_service", ...). The message never names
// the URL or its host.
absl::Status PostJson(const std::string& url, absl::string_view json,
                      absl::Duration timeout);

class WebhookPoster final : public SlackPoster {
 public:
  // Reads the URL of every report in `reports` with a slack_webhook_env.
  // FAILED_PRECONDITION naming the report and the variable when one is
  // unset, empty or not a webhook URL (CheckWebhookUrl). A poster with no
  // URL at all when no report names one.
  static absl::StatusOr<std::unique_ptr<WebhookPoster>> FromEnvironment(
      const std::vector<config::ReportConfig>& reports,
      absl::Duration timeout = absl::Seconds(30));

  // Whether some report posts to Slack.
  bool empty() const { return urls_.empty(); }

  // FAILED_PRECONDITION when `report` has no URL (it was not in the list
  // given to FromEnvironment); otherwise PostJson's answer, prefixed with
  // "slack: ".
  absl::Status Post(const config::ReportConfig& report,
                    const std::string& payload) override;

 private:
  WebhookPoster(std::map<std::string, std::string> urls, absl::Duration timeout)
      : urls_(std::move(urls)), timeout_(timeout) {}

  // Constant after construction.
  const std::map<std::string, std::string> urls_;  // by report name; secrets
  const absl::Duration timeout_;
};

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_WEBHOOK_H_
