#include "daemon/config/config.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "daemon/config/listen_section.h"
#include "daemon/config/problems.h"
#include "daemon/config/reports_section.h"
#include "daemon/config/retention_section.h"
#include "daemon/config/security_section.h"
#include "daemon/config/store_section.h"
#include "daemon/config/themes_section.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {
namespace {

// Every analysis key, its field and its allowed range.
struct AnalysisKey {
  const char* name;
  std::variant<int AnalysisConfig::*, double AnalysisConfig::*> field;
  double min;
  double max;
};

const std::vector<AnalysisKey>& AnalysisKeys() {
  static const auto* keys = new std::vector<AnalysisKey>{
      {"interruption_merge_seconds",
       &AnalysisConfig::interruption_merge_seconds, 0, 3600},
      {"pager_watch_ratio", &AnalysisConfig::pager_watch_ratio, 1, 100},
      {"pager_attention_ratio", &AnalysisConfig::pager_attention_ratio, 1, 100},
      {"pager_min_pages", &AnalysisConfig::pager_min_pages, 0, 10000},
      {"shift_pages_watch", &AnalysisConfig::shift_pages_watch, 0, 1000},
      {"sleep_pages_per_person_attention",
       &AnalysisConfig::sleep_pages_per_person_attention, 0.1, 1000},
      {"oops_writeup_days", &AnalysisConfig::oops_writeup_days, 1, 365},
      {"unwritten_watch", &AnalysisConfig::unwritten_watch, 1, 1000},
      {"unwritten_attention", &AnalysisConfig::unwritten_attention, 1, 1000},
      {"deferral_repeat", &AnalysisConfig::deferral_repeat, 1, 1000},
      {"migration_retro_days", &AnalysisConfig::migration_retro_days, 1, 365},
      {"trend_p", &AnalysisConfig::trend_p, 0.0001, 0.5},
      {"theme_watch_respondents", &AnalysisConfig::theme_watch_respondents, 2,
       1000},
      {"theme_attention_share", &AnalysisConfig::theme_attention_share, 0.01,
       1},
      {"quote_min_respondents", &AnalysisConfig::quote_min_respondents, 3,
       1000},
      {"coverage_stale_days", &AnalysisConfig::coverage_stale_days, 1, 365},
  };
  return *keys;
}

void ReadAnalysisKey(const AnalysisKey& key, const YAML::Node& value,
                     const std::string& prefix, AnalysisConfig& analysis,
                     Problems& problems);

void ReadAnalysis(const YAML::Node& node, absl::string_view field,
                  AnalysisConfig& analysis, Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(node, field, "must be a map of detector thresholds");
    return;
  }
  std::vector<absl::string_view> names;
  for (const AnalysisKey& key : AnalysisKeys()) names.push_back(key.name);
  const std::string prefix = absl::StrCat(field, ".");
  CheckKeys(node, prefix, names, problems);
  for (const AnalysisKey& key : AnalysisKeys()) {
    const YAML::Node value = node[key.name];
    if (!value) continue;
    ReadAnalysisKey(key, value, prefix, analysis, problems);
  }
  // A WATCH threshold above its ATTENTION threshold would skip WATCH.
  if (analysis.pager_watch_ratio > analysis.pager_attention_ratio) {
    problems.Add(
        node, absl::StrCat(prefix, "pager_watch_ratio"),
        absl::StrFormat("%g must not exceed pager_attention_ratio (%g)",
                        analysis.pager_watch_ratio,
                        analysis.pager_attention_ratio));
  }
  if (analysis.unwritten_watch > analysis.unwritten_attention) {
    problems.Add(node, absl::StrCat(prefix, "unwritten_watch"),
                 absl::StrFormat("%d must not exceed unwritten_attention (%d)",
                                 analysis.unwritten_watch,
                                 analysis.unwritten_attention));
  }
}

void ReadAnalysisKey(const AnalysisKey& key, const YAML::Node& value,
                     const std::string& prefix, AnalysisConfig& analysis,
                     Problems& problems) {
  const std::string name = absl::StrCat(prefix, key.name);
  if (auto* int_field = std::get_if<int AnalysisConfig::*>(&key.field)) {
    ReadInt<int>(value, name, static_cast<int>(key.min),
                 static_cast<int>(key.max), analysis.*(*int_field), problems);
    return;
  }
  double number;
  if (!value.IsScalar() || !YAML::convert<double>::decode(value, number)) {
    problems.Add(value, name, "must be a number");
  } else if (number < key.min || number > key.max) {
    problems.Add(
        value, name,
        absl::StrFormat("%g is out of range %g..%g", number, key.min, key.max));
  } else {
    analysis.*std::get<double AnalysisConfig::*>(key.field) = number;
  }
}

void ReadTeam(const YAML::Node& node, absl::string_view field, TeamConfig& team,
              Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(
        node, field,
        "must be a map with name, timezone, oncall_size, expected_sources");
    return;
  }
  const std::string prefix = absl::StrCat(field, ".");
  CheckKeys(node, prefix,
            {"name", "timezone", "oncall_size", "expected_sources", "analysis"},
            problems);
  if (node["analysis"]) {
    ReadAnalysis(node["analysis"], absl::StrCat(prefix, "analysis"),
                 team.analysis, problems);
  }
  if (!node["name"]) {
    problems.Add(node, absl::StrCat(prefix, "name"), "is required");
  } else if (ReadString(node["name"], absl::StrCat(prefix, "name"), team.name,
                        problems)) {
    if (team.name.empty() || team.name.size() > 128 ||
        team.name.find_first_of(" \t\n") != std::string::npos) {
      problems.Add(node["name"], absl::StrCat(prefix, "name"),
                   "must be 1..128 characters without spaces");
    }
  }
  if (node["timezone"] &&
      ReadString(node["timezone"], absl::StrCat(prefix, "timezone"),
                 team.timezone, problems)) {
    if (const absl::Status loaded = LoadZone(team); !loaded.ok()) {
      problems.Add(node["timezone"], absl::StrCat(prefix, "timezone"),
                   std::string(loaded.message()));
    }
  }
  if (node["oncall_size"]) {
    ReadInt(node["oncall_size"], absl::StrCat(prefix, "oncall_size"), 1, 1000,
            team.oncall_size, problems);
  }
  if (const YAML::Node sources = node["expected_sources"]) {
    ReadStringList(sources, absl::StrCat(prefix, "expected_sources"),
                   "source names", team.expected_sources, problems);
  }
}

// The keys of `limits:` and their ranges.
struct LimitKey {
  const char* name;
  int64_t Limits::*field;
  int64_t min;
  int64_t max;
};
constexpr LimitKey kLimitKeys[] = {
    {"max_request_signals", &Limits::max_request_signals, 1, 1'000'000},
    {"max_request_bytes", &Limits::max_request_bytes, 1024, int64_t{1} << 30},
    {"max_ingest_calls", &Limits::max_ingest_calls, 1, 10'000},
    {"max_inflight_bytes", &Limits::max_inflight_bytes, 1024, int64_t{1} << 40},
    {"max_threads", &Limits::max_threads, 4, 100'000},
    {"max_streams_per_connection", &Limits::max_streams_per_connection, 1,
     100'000},
    {"max_transport_bytes", &Limits::max_transport_bytes, 16 << 20,
     int64_t{1} << 40},
};

void ReadLimits(const YAML::Node& node, Limits& limits, Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(node, "limits", "must be a map");
    return;
  }
  std::vector<absl::string_view> names;
  for (const LimitKey& key : kLimitKeys) names.push_back(key.name);
  CheckKeys(node, "limits.", names, problems);
  for (const LimitKey& key : kLimitKeys) {
    if (!node[key.name]) continue;
    ReadInt<int64_t>(node[key.name], absl::StrCat("limits.", key.name), key.min,
                     key.max, limits.*key.field, problems);
  }
  // A request must fit in flight, or it could never go in.
  if (limits.max_inflight_bytes < limits.max_request_bytes) {
    problems.Add(
        node, "limits.max_inflight_bytes",
        absl::StrFormat("%d must be at least max_request_bytes (%d)",
                        limits.max_inflight_bytes, limits.max_request_bytes));
  }
}

absl::StatusOr<Config> ParseNode(const YAML::Node& root,
                                 absl::string_view file_name) {
  Problems problems(file_name);
  Config config;
  if (!root.IsMap()) {
    problems.Add(root, "(top level)",
                 "must be a map with listen, store and teams");
    return absl::InvalidArgumentError(problems.Joined());
  }
  CheckKeys(root, "",
            {"listen", "metrics_listen", "health_listen", "store",
             "store_password_env", "limits", "analysis", "teams", "reports",
             "smtp", "reports_dir", "tls", "auth", "insecure_local",
             "audit_log", "themes", "retention"},
            problems);
  if (root["analysis"]) {
    ReadAnalysis(root["analysis"], "analysis", config.analysis, problems);
  }
  ReadListenSection(root, config, problems);
  ReadStoreSection(root, file_name, config, problems);
  if (const YAML::Node limits = root["limits"]) {
    ReadLimits(limits, config.limits, problems);
  }
  ReadThemesSection(root, config, problems);
  ReadRetentionSection(root, config, problems);
  const YAML::Node teams = root["teams"];
  if (!teams) {
    problems.Add(root, "teams",
                 "is required: a list of {name, timezone, oncall_size, "
                 "expected_sources}");
  } else if (!teams.IsSequence() || teams.size() == 0) {
    problems.Add(teams, "teams", "must be a non-empty list of teams");
  } else {
    absl::flat_hash_set<std::string> seen;
    for (std::size_t i = 0; i < teams.size(); ++i) {
      const std::string field = absl::StrFormat("teams[%d]", i);
      TeamConfig team{.analysis = config.analysis, .themes = config.themes};
      ReadTeam(teams[i], field, team, problems);
      if (!team.name.empty() && !seen.insert(team.name).second) {
        problems.Add(teams[i]["name"], field + ".name",
                     absl::StrFormat("team \"%s\" is listed twice", team.name));
      }
      config.teams.push_back(std::move(team));
    }
  }
  ReadReportsSection(root, file_name, config, problems);
  ReadSecuritySection(root, file_name, config, problems);
  if (!problems.empty()) return absl::InvalidArgumentError(problems.Joined());
  return config;
}

}  // namespace

absl::Status LoadZone(TeamConfig& team) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(team.timezone, &zone)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("unknown time zone \"%s\" (use an IANA name such as "
                        "Europe/Berlin)",
                        team.timezone));
  }
  team.zone = zone;
  return absl::OkStatus();
}

TeamConfig WithZone(TeamConfig team) {
  if (const absl::Status loaded = LoadZone(team); !loaded.ok()) {
    std::fprintf(stderr, "WithZone: team \"%s\": %s\n", team.name.c_str(),
                 std::string(loaded.message()).c_str());
    std::abort();
  }
  return team;
}

absl::StatusOr<Config> ParseConfig(absl::string_view yaml,
                                   absl::string_view file_name) {
  try {
    return ParseNode(YAML::Load(std::string(yaml)), file_name);
  } catch (const YAML::Exception& e) {
    // yaml-cpp's own message already says "yaml-cpp: error at line L, column
    // C".
    return absl::InvalidArgumentError(
        absl::StrFormat("%s:%d:%d: not valid YAML: %s", file_name,
                        e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

absl::StatusOr<Config> LoadConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(
        absl::StrFormat("%s: cannot read the config file", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path);
}

}  // namespace teamload::config
