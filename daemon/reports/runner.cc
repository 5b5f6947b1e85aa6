#include "daemon/reports/runner.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/reports/outbox.h"
#include "daemon/reports/report.h"
#include "daemon/reports/team_section.h"
#include "daemon/util/log.h"

namespace teamload::reports {
namespace {

std::string TeamCount(const config::ReportConfig& report) {
  return report.teams.size() == 1 ? "1 team"
                                  : absl::StrCat(report.teams.size(), " teams");
}

// The mail: a short note in the body, the report as its HTML alternative,
// and the report's files attached.
MailMessage ReportMail(const config::ReportConfig& report,
                       const std::string& from, absl::Time date,
                       const RenderedReport& rendered) {
  MailMessage mail{.from = from,
                   .to = report.recipients,
                   .subject = rendered.title,
                   .date = date};
  std::vector<std::string> files;
  const std::string stem = absl::StrCat(report.name, "-", rendered.date);
  if (report.markdown) {
    mail.attachments.push_back({absl::StrCat(stem, ".md"),
                                "text/markdown; charset=utf-8",
                                rendered.markdown});
    files.push_back(mail.attachments.back().filename);
  }
  if (report.html) {
    mail.attachments.push_back({absl::StrCat(stem, ".html"),
                                "text/html; charset=utf-8", rendered.html});
    files.push_back(mail.attachments.back().filename);
    mail.html = rendered.html;
  }
  mail.text = absl::StrFormat(
      "%s\n\nThe narratives of %s as of %s (%s), with an overview of where "
      "the pressure is, are attached: %s.\n\nSent by teamloadd.\n",
      rendered.title, TeamCount(report),
      absl::FormatTime("%Y-%m-%d %H:%M", rendered.as_of, report.schedule.zone),
      report.schedule.timezone, absl::StrJoin(files, " and "));
  return mail;
}

// "a@x, b@y and Slack": mail recipients joined as the log always had them.
std::string SentTo(const std::vector<std::string>& sent_to) {
  if (sent_to.size() < 2 || sent_to.back() != "Slack")
    return absl::StrJoin(sent_to, ", ");
  return absl::StrCat(absl::StrJoin(sent_to.begin(), sent_to.end() - 1, ", "),
                      " and Slack");
}

}  // namespace

absl::string_view ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kMail:
      return "mail";
    case Channel::kSlack:
      return "slack";
  }
  return "mail";
}

absl::string_view RunOutcomeName(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::kSent:
      return "sent";
    case RunOutcome::kWritten:
      return "written";
    case RunOutcome::kSkipped:
      return "skipped";
    case RunOutcome::kFailed:
      return "failed";
  }
  return "failed";
}

ReportRunner::ReportRunner(std::string reports_dir, const model::Model* model,
                           store::Store* store, const util::Clock* clock,
                           Delivery delivery, ReportRunObserver observer,
                           DeliveryObserver on_delivery)
    : reports_dir_(std::move(reports_dir)),
      model_(model),
      store_(store),
      clock_(clock),
      mailer_(delivery.mailer),
      slack_(delivery.slack),
      observer_(std::move(observer)),
      on_delivery_(std::move(on_delivery)) {}

RunOutcome ReportRunner::RunSlot(const config::ReportConfig& report,
                                 absl::Time slot) {
  const std::string what = absl::StrFormat(
      "report %s slot %s %s", report.name,
      absl::FormatTime("%Y-%m-%d %H:%M", slot, report.schedule.zone),
      report.schedule.timezone);
  const absl::Time start = clock_->Now();
  RunOutcome outcome = RunOutcome::kFailed;
  std::vector<std::string> problems;
  std::vector<std::string> written;
  std::vector<std::string> sent_to;  // where it went: recipients, "Slack"
  const auto delivered = [&](Channel channel, const absl::Status& status) {
    if (!status.ok()) problems.push_back(std::string(status.message()));
    if (on_delivery_) on_delivery_(report.name, channel, status.ok());
    return status.ok();
  };
  absl::StatusOr<bool> claimed = store_->ClaimReportSlot(report.name, slot);
  absl::StatusOr<std::vector<TeamSection>> sections;
  if (!claimed.ok()) {
    problems.push_back(
        absl::StrCat("cannot claim the slot: ", claimed.status().message()));
  } else if (!*claimed) {
    outcome = RunOutcome::kSkipped;
    util::LogInfo(
        "%s: skipped: already claimed (sent before, or by another "
        "replica)",
        what);
  } else if (sections = CollectSections(report, *model_, slot);
             !sections.ok()) {
    problems.push_back(
        absl::StrCat("cannot render: ", sections.status().message()));
  } else {
    const RenderedReport rendered = ComposeReport(report, slot, *sections);
    absl::StatusOr<std::vector<std::string>> files =
        WriteToOutbox(reports_dir_, report, rendered);
    if (files.ok()) {
      written = *std::move(files);
    } else {
      problems.push_back(absl::StrCat("outbox: ", files.status().message()));
    }
    if (mailer_ != nullptr && !report.recipients.empty() &&
        delivered(Channel::kMail,
                  mailer_->Send(ReportMail(report, mailer_->from(),
                                           clock_->Now(), rendered)))) {
      sent_to.insert(sent_to.end(), report.recipients.begin(),
                     report.recipients.end());
    }
    if (slack_ != nullptr && !report.slack_webhook_env.empty() &&
        delivered(Channel::kSlack,
                  slack_->Post(report, SlackPayload(SlackDigest(report, slot,
                                                                *sections))))) {
      sent_to.push_back("Slack");
    }
    if (problems.empty())
      outcome = sent_to.empty() ? RunOutcome::kWritten : RunOutcome::kSent;
  }
  const std::string sent =
      sent_to.empty() ? "" : absl::StrCat("sent to ", SentTo(sent_to));
  const std::string files =
      written.empty() ? ""
                      : absl::StrCat("; wrote ", absl::StrJoin(written, ", "));
  const std::string took = absl::FormatDuration(
      absl::Trunc(clock_->Now() - start, absl::Milliseconds(1)));
  switch (outcome) {
    case RunOutcome::kSent:
      util::LogInfo("%s: %s%s (%s, %s)", what, sent, files, TeamCount(report),
                    took);
      break;
    case RunOutcome::kWritten:
      util::LogInfo("%s: written, nobody to mail it to%s (%s, %s)", what, files,
                    TeamCount(report), took);
      break;
    case RunOutcome::kFailed:
      util::LogError("%s: failed: %s%s%s", what, absl::StrJoin(problems, "; "),
                     sent.empty() ? "" : absl::StrCat("; ", sent), files);
      break;
    case RunOutcome::kSkipped:
      break;
  }
  if (observer_) observer_(report.name, outcome);
  return outcome;
}

}  // namespace teamload::reports
