#include "daemon/config/reports_section.h"

#include <filesystem>
#include <set>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/config/team_patterns.h"

namespace teamload::config {
namespace {

// Folder names stay portable and never climb out of the outbox.
bool IsReportName(absl::string_view name) {
  if (name.empty() || name.size() > 64 || name[0] == '.') return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

// An address an SMTP server can take in RCPT TO: local@domain, nothing that
// could end the command or smuggle a second header.
bool IsEmailAddress(absl::string_view address) {
  const std::size_t at = address.find('@');
  if (at == 0 || at == absl::string_view::npos || at + 1 == address.size() ||
      address.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  for (char c : address) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) ||
        absl::ascii_iscntrl(static_cast<unsigned char>(c)) || c == '<' ||
        c == '>' || c == ',' || c == ';' || c == '"') {
      return false;
    }
  }
  return true;
}

// Expands names and "prefix*" patterns against the registry.
void ReadReportTeams(const YAML::Node& node, const std::string& field,
                     const std::vector<TeamConfig>& registry,
                     std::vector<std::string>& out, Problems& problems) {
  std::vector<std::string> patterns;
  ReadTeamPatterns(node, field, registry, patterns, problems);
  std::set<std::string> teams;
  for (const TeamConfig& team : registry) {
    for (const std::string& pattern : patterns) {
      if (MatchesTeam(pattern, team.name)) teams.insert(team.name);
    }
  }
  out.assign(teams.begin(), teams.end());
}

void ReadFormats(const YAML::Node& node, const std::string& field,
                 ReportConfig& report, Problems& problems) {
  std::vector<std::string> formats;
  if (!ReadStringList(node, field, "formats (markdown, html)", formats,
                      problems)) {
    return;
  }
  if (formats.empty()) {
    problems.Add(node, field, "must name markdown, html or both");
    return;
  }
  report.markdown = report.html = false;
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (formats[i] == "markdown") {
      report.markdown = true;
    } else if (formats[i] == "html") {
      report.html = true;
    } else {
      problems.Add(node[i], absl::StrFormat("%s[%d]", field, i),
                   absl::StrFormat("unknown format \"%s\" (expected markdown "
                                   "or html)",
                                   formats[i]));
    }
  }
}

void ReadReport(const YAML::Node& node, const std::string& field,
                const Config& config, ReportConfig& report,
                Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(node, field,
                 "must be a map with name, schedule, teams, recipients, "
                 "formats, slack_webhook_env");
    return;
  }
  const std::string prefix = field + ".";
  if (node["slack_webhook"] || node["slack_webhook_url"]) {
    const std::string key =
        node["slack_webhook"] ? "slack_webhook" : "slack_webhook_url";
    problems.Add(node[key], prefix + key,
                 "never put the webhook URL in the file: set "
                 "slack_webhook_env to the name of an environment variable "
                 "that holds it");
  }
  CheckKeys(node, prefix,
            {"name", "schedule", "teams", "recipients", "formats",
             "slack_webhook_env"},
            problems);
  if (!node["name"]) {
    problems.Add(node, prefix + "name", "is required");
  } else if (ReadString(node["name"], prefix + "name", report.name, problems) &&
             !IsReportName(report.name)) {
    problems.Add(node["name"], prefix + "name",
                 absl::StrFormat("\"%s\" must be 1..64 letters, digits, '-', "
                                 "'_' or '.', not starting with '.' (it names "
                                 "the report's outbox folder)",
                                 report.name));
  }
  std::string schedule;
  if (!node["schedule"]) {
    problems.Add(node, prefix + "schedule",
                 "is required (e.g. \"Mon 09:00 Europe/Berlin\")");
  } else if (ReadString(node["schedule"], prefix + "schedule", schedule,
                        problems)) {
    absl::StatusOr<ReportSchedule> parsed = ParseSchedule(schedule);
    if (parsed.ok()) {
      report.schedule = *std::move(parsed);
    } else {
      problems.Add(node["schedule"], prefix + "schedule",
                   parsed.status().message());
    }
  }
  if (!node["teams"]) {
    problems.Add(node, prefix + "teams",
                 "is required: team names or prefixes such as platform-*");
  } else {
    ReadReportTeams(node["teams"], prefix + "teams", config.teams, report.teams,
                    problems);
  }
  if (const YAML::Node recipients = node["recipients"]) {
    const std::string recipients_field = prefix + "recipients";
    ReadStringList(recipients, recipients_field, "e-mail addresses",
                   report.recipients, problems);
    for (std::size_t i = 0; i < report.recipients.size(); ++i) {
      if (!IsEmailAddress(report.recipients[i])) {
        problems.Add(recipients[i],
                     absl::StrFormat("%s[%d]", recipients_field, i),
                     absl::StrFormat("\"%s\" is not an e-mail address",
                                     report.recipients[i]));
      }
    }
    if (!report.recipients.empty() && !config.smtp.has_value()) {
      problems.Add(recipients, recipients_field,
                   "there is no smtp: section to send to them with");
    }
  }
  if (node["formats"]) {
    ReadFormats(node["formats"], prefix + "formats", report, problems);
  }
  if (node["slack_webhook_env"] &&
      ReadString(node["slack_webhook_env"], prefix + "slack_webhook_env",
                 report.slack_webhook_env, problems) &&
      !IsEnvName(report.slack_webhook_env)) {
    problems.Add(node["slack_webhook_env"], prefix + "slack_webhook_env",
                 absl::StrFormat("\"%s\" is not an environment variable name",
                                 report.slack_webhook_env));
  }
}

void ReadSmtp(const YAML::Node& node, SmtpConfig& smtp, Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(node, "smtp",
                 "must be a map with url, from, username, password_env");
    return;
  }
  if (node["password"]) {
    problems.Add(node["password"], "smtp.password",
                 "never put the password in the file: set password_env to "
                 "the name of an environment variable that holds it");
  }
  CheckKeys(node, "smtp.", {"url", "from", "username", "password_env"},
            problems);
  if (!node["url"]) {
    problems.Add(node, "smtp.url", "is required (e.g. smtp://mail:587)");
  } else if (ReadString(node["url"], "smtp.url", smtp.url, problems)) {
    const bool scheme = absl::StartsWith(smtp.url, "smtp://") ||
                        absl::StartsWith(smtp.url, "smtps://");
    const std::size_t host = smtp.url.find("://") + 3;
    if (!scheme || host >= smtp.url.size() || smtp.url[host] == ':' ||
        smtp.url[host] == '/') {
      problems.Add(node["url"], "smtp.url",
                   absl::StrFormat("\"%s\" is not smtp://HOST[:PORT] or "
                                   "smtps://HOST[:PORT]",
                                   smtp.url));
    }
  }
  if (!node["from"]) {
    problems.Add(node, "smtp.from", "is required: the sender's address");
  } else if (ReadString(node["from"], "smtp.from", smtp.from, problems) &&
             !IsEmailAddress(smtp.from)) {
    problems.Add(node["from"], "smtp.from",
                 absl::StrFormat("\"%s\" is not an e-mail address", smtp.from));
  }
  if (node["username"]) {
    ReadString(node["username"], "smtp.username", smtp.username, problems);
  }
  if (node["password_env"] &&
      ReadString(node["password_env"], "smtp.password_env", smtp.password_env,
                 problems) &&
      !IsEnvName(smtp.password_env)) {
    problems.Add(node["password_env"], "smtp.password_env",
                 absl::StrFormat("\"%s\" is not an environment variable name",
                                 smtp.password_env));
  }
  if (!smtp.password_env.empty() && smtp.username.empty()) {
    problems.Add(node, "smtp.username", "is required when password_env is set");
  }
}

// "<folder of the SQLite file>/reports", or the config's folder for an
// in-memory store.
std::string DefaultReportsDir(const Config& config,
                              absl::string_view file_name) {
  std::filesystem::path base =
      std::filesystem::path(std::string(file_name)).parent_path();
  if (absl::StartsWith(config.store, "sqlite:") &&
      config.store != "sqlite::memory:") {
    base = std::filesystem::path(config.store.substr(7)).parent_path();
  }
  return std::filesystem::absolute(base / "reports")
      .lexically_normal()
      .string();
}

}  // namespace

void ReadReportsSection(const YAML::Node& root, absl::string_view file_name,
                        Config& config, Problems& problems) {
  if (const YAML::Node smtp = root["smtp"]) {
    config.smtp.emplace();
    ReadSmtp(smtp, *config.smtp, problems);
  }
  config.reports_dir = DefaultReportsDir(config, file_name);
  if (root["reports_dir"]) {
    ReadPath(root["reports_dir"], "reports_dir", file_name, config.reports_dir,
             problems);
  }
  const YAML::Node reports = root["reports"];
  if (!reports) return;
  if (!reports.IsSequence()) {
    problems.Add(reports, "reports", "must be a list of reports");
    return;
  }
  absl::flat_hash_set<std::string> names;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const std::string field = absl::StrFormat("reports[%d]", i);
    ReportConfig report;
    ReadReport(reports[i], field, config, report, problems);
    if (!report.name.empty() && !names.insert(report.name).second) {
      problems.Add(
          reports[i]["name"], field + ".name",
          absl::StrFormat("report \"%s\" is listed twice", report.name));
    }
    config.reports.push_back(std::move(report));
  }
}

}  // namespace teamload::config
