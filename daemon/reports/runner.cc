#include "daemon/reports/runner.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/reports/outbox.h"
#include "daemon/reports/report.h"
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

}  // namespace

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
                           Mailer* mailer, ReportRunObserver observer)
    : reports_dir_(std::move(reports_dir)),
      model_(model),
      store_(store),
      clock_(clock),
      mailer_(mailer),
      observer_(std::move(observer)) {}

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
  absl::StatusOr<bool> claimed = store_->ClaimReportSlot(report.name, slot);
  if (!claimed.ok()) {
    problems.push_back(
        absl::StrCat("cannot claim the slot: ", claimed.status().message()));
  } else if (!*claimed) {
    outcome = RunOutcome::kSkipped;
    util::LogInfo(
        "%s: skipped: already claimed (sent before, or by another "
        "replica)",
        what);
  } else if (absl::StatusOr<RenderedReport> rendered =
                 RenderReport(report, *model_, slot);
             !rendered.ok()) {
    problems.push_back(
        absl::StrCat("cannot render: ", rendered.status().message()));
  } else {
    absl::StatusOr<std::vector<std::string>> files =
        WriteToOutbox(reports_dir_, report, *rendered);
    if (files.ok()) {
      written = *std::move(files);
    } else {
      problems.push_back(absl::StrCat("outbox: ", files.status().message()));
    }
    const bool mail = mailer_ != nullptr && !report.recipients.empty();
    if (mail) {
      if (absl::Status s = mailer_->Send(
              ReportMail(report, mailer_->from(), clock_->Now(), *rendered));
          !s.ok()) {
        problems.push_back(std::string(s.message()));
      }
    }
    if (problems.empty())
      outcome = mail ? RunOutcome::kSent : RunOutcome::kWritten;
  }
  const std::string files =
      written.empty() ? ""
                      : absl::StrCat("; wrote ", absl::StrJoin(written, ", "));
  const std::string took = absl::FormatDuration(
      absl::Trunc(clock_->Now() - start, absl::Milliseconds(1)));
  switch (outcome) {
    case RunOutcome::kSent:
      util::LogInfo("%s: sent to %s%s (%s, %s)", what,
                    absl::StrJoin(report.recipients, ", "), files,
                    TeamCount(report), took);
      break;
    case RunOutcome::kWritten:
      util::LogInfo("%s: written, nobody to mail it to%s (%s, %s)", what, files,
                    TeamCount(report), took);
      break;
    case RunOutcome::kFailed:
      util::LogError("%s: failed: %s%s", what, absl::StrJoin(problems, "; "),
                     files);
      break;
    case RunOutcome::kSkipped:
      break;
  }
  if (observer_) observer_(report.name, outcome);
  return outcome;
}

}  // namespace teamload::reports
