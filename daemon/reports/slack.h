// Slack: a report's short digest for a channel, and how it leaves teamloadd.
// The ReportRunner posts through the SlackPoster interface, so tests give it
// a fake that records or fails, and the daemon gives it a WebhookPoster
// (webhook.h) for the reports that name a `slack_webhook_env`.
//
// The digest is Slack mrkdwn in an incoming webhook's `text`: the title and
// moment, what changed since the previous slot, then each team's levels per
// boundary and headline, the teams under pressure first, and where the full
// report is (an incoming webhook cannot carry files: the report goes by mail
// and to the outbox, and the digest names it and the teamloadctl command
// that renders it again). Every piece of text from outside (team, source and
// theme names, headlines) is inert: control characters shown escaped, and
// Slack's control characters &, < and > as entities, so no name can mention
// @channel, link somewhere or open a quote.
//
// Digest functions are pure, thread-safe and deterministic. SlackPoster
// implementations must allow Post from several threads at once.
#ifndef TEAMLOAD_DAEMON_REPORTS_SLACK_H_
#define TEAMLOAD_DAEMON_REPORTS_SLACK_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/reports/team_section.h"

namespace teamload::reports {

class SlackPoster {
 public:
  virtual ~SlackPoster() = default;

  // Posts `payload`, a JSON object (SlackPayload), to the webhook of
  // `report` (report.slack_webhook_env). OK once the webhook answered 2xx;
  // otherwise a status whose message says why, in words an operator can act
  // on and never with the URL, which is a secret (it goes to the log).
  virtual absl::Status Post(const config::ReportConfig& report,
                            const std::string& payload) = 0;
};

// `text` as inert Slack mrkdwn: text::ShowControls, then &, < and > as
// &amp;, &lt; and &gt;.
std::string SlackText(absl::string_view text);

// Teams listed one by one in a digest, and change lines shown; the rest are
// counted, and the full report has them all.
inline constexpr int kSlackTeamsShown = 20;
inline constexpr int kSlackChangesShown = 20;

// The digest of `sections` (CollectSections) as of `as_of`, in mrkdwn.
std::string SlackDigest(const config::ReportConfig& report, absl::Time as_of,
                        const std::vector<TeamSection>& sections);

// The webhook's JSON body, its keys always in this order:
//   {"text":DIGEST,"unfurl_links":false,"unfurl_media":false}
// Unfurling off: nothing in it makes Slack fetch a preview.
std::string SlackPayload(absl::string_view digest);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_SLACK_H_
