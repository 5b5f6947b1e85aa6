#include "daemon/api/report_service.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/api/edge.h"
#include "daemon/reports/report.h"
#include "text/abbreviate.h"

namespace teamload::api {

grpc::Status ReportService::RenderReport(
    grpc::ServerContext* context,
    const teamload::v1::RenderReportRequest* request,
    teamload::v1::RenderedReport* response) {
  absl::StatusOr<Edge::Read> read =
      edge_->AdmitRead(*context, "RenderReport", *request, clock_->Now());
  if (!read.ok()) return ToGrpcStatus(read.status());
  const auth::Caller& caller = read->caller;
  const config::ReportConfig* report = nullptr;
  std::vector<std::string> names;  // the reports this caller may render
  for (const config::ReportConfig& r : reports_) {
    if (!std::all_of(
            r.teams.begin(), r.teams.end(),
            [&](const std::string& team) { return caller.Sees(team); })) {
      if (r.name == request->name()) {
        return ToGrpcStatus(absl::PermissionDeniedError(absl::StrFormat(
            "report \"%s\" covers teams outside the scope of token \"%s\" "
            "(teams: %s)",
            r.name, caller.name, caller.ScopeText())));
      }
      continue;
    }
    if (r.name == request->name()) report = &r;
    names.push_back(r.name);
  }
  if (report == nullptr) {
    return ToGrpcStatus(absl::NotFoundError(
        reports_.empty()
            ? absl::StrFormat("no report \"%s\": the config has no reports: "
                              "section",
                              text::Abbreviated(request->name()))
        : names.empty()
            ? absl::StrFormat("no report \"%s\": none you may render",
                              text::Abbreviated(request->name()))
            : absl::StrFormat("no report \"%s\" (configured: %s)",
                              text::Abbreviated(request->name()),
                              absl::StrJoin(names, ", "))));
  }
  absl::StatusOr<reports::RenderedReport> rendered =
      reports::RenderReport(*report, *model_, read->as_of);
  if (!rendered.ok()) return ToGrpcStatus(rendered.status());
  edge_->Audit(caller, *context, "RenderReport", report->teams);
  response->set_name(rendered->name);
  response->mutable_as_of()->set_seconds(absl::ToUnixSeconds(rendered->as_of));
  response->set_date(rendered->date);
  response->set_title(rendered->title);
  response->set_markdown(std::move(rendered->markdown));
  response->set_html(std::move(rendered->html));
  return grpc::Status::OK;
}

}  // namespace teamload::api
