// Config: teamloadd's YAML configuration, parsed and checked as a whole.
//
// Every problem is reported as "FILE:LINE:COLUMN: FIELD: what is wrong", all
// problems at once, so an operator can fix a file in one pass.
#ifndef TEAMLOAD_DAEMON_CONFIG_CONFIG_H_
#define TEAMLOAD_DAEMON_CONFIG_CONFIG_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "daemon/config/schedule.h"

namespace teamload::config {

// Detector thresholds. Set for the whole deployment under `analysis:` and
// per team under `teams[i].analysis:` (team keys override deployment keys).
struct AnalysisConfig {
  // pager_load: interruptions in the last 7 days against the team's
  // trailing 8-week median (daemon/analysis/interruptions.h). The keys keep
  // their names from when they counted pages; they count interruptions.
  //
  // Pages of the team at most this many seconds after the previous page
  // merge into one interruption (PagerDuty's 60 s); 0 merges only pages in
  // the same second.
  int interruption_merge_seconds = 60;
  double pager_watch_ratio = 1.5;
  double pager_attention_ratio = 2.0;
  int pager_min_pages = 3;    // fewer interruptions in 7 days never raise a
                              // level by ratio
  int shift_pages_watch = 2;  // more interruptions than this in one 12-hour
                              // shift
  // Sleep-hour interruptions per on-call person in the last 7 days.
  double sleep_pages_per_person_attention = 3;
  // unwritten_oops
  int oops_writeup_days = 14;
  int unwritten_watch = 1;
  int unwritten_attention = 3;
  // deferral_drift
  int deferral_repeat = 3;
  // migration_load: a finished migration with no retrospective after this
  // many days has not been looked back on.
  int migration_retro_days = 30;
  // Mann-Kendall significance for every trend (deferrals, interruptions).
  double trend_p = 0.05;
  // survey_themes
  int theme_watch_respondents = 2;  // never below 2: one person is identifiable
  double theme_attention_share = 0.4;
  int quote_min_respondents = 5;  // never below 3
  // blind_spot
  int coverage_stale_days = 7;
};

// Where a theme is looked for: free-text survey answers, or the summaries
// of incident and near-miss write-ups.
enum class ThemeSource { kSurvey, kWriteup };

// A qualitative theme teamloadd looks for. The built-in ones
// (DefaultThemes()) learn from the corpus compiled into teamloadd
// (daemon/themes/corpus/); `themes:` in the file renames them, adds
// examples to them, and adds the organisation's own.
struct ThemeConfig {
  std::string label;     // "oncall_fatigue": its examples' label in a corpus
  std::string name;      // "on-call fatigue": what narratives call it
  std::string boundary;  // "workload", "economic" or "safety"
  ThemeSource source = ThemeSource::kSurvey;
  std::vector<std::string> examples;  // the organisation's own
};

// Every theme, in a fixed order: the built-in ones, then the file's own.
// Facts and readings index themes by position in this list.
using ThemeCatalog = std::vector<ThemeConfig>;

// The built-in themes, as a team that the file says nothing about reads
// them.
const std::shared_ptr<const ThemeCatalog>& DefaultThemes();

// A theme of its own needs at least this many example sentences.
inline constexpr int kMinThemeExamples = 10;

struct TeamConfig {
  std::string name;
  std::string timezone = "UTC";  // IANA name, checked against tzdata
  // `timezone`, loaded once (LoadZone) where the config is read or the
  // TeamConfig is built; everything that reads the team's local time uses
  // this, never the name.
  absl::TimeZone zone = absl::UTCTimeZone();
  int oncall_size = 1;
  std::vector<std::string> expected_sources;
  AnalysisConfig analysis;  // deployment defaults with this team's overrides
  // The deployment's themes (Config::themes), shared by every team.
  std::shared_ptr<const ThemeCatalog> themes = DefaultThemes();
};

// Loads `team.timezone` into `team.zone`. The config loader calls it for
// every team it reads; code that builds a TeamConfig by hand calls it after
// setting `timezone` (or uses WithZone). INVALID_ARGUMENT, naming the zone,
// if tzdata does not know it; `team` is then unchanged.
absl::Status LoadZone(TeamConfig& team);

// `team` with its zone loaded, for a TeamConfig built by hand from a zone
// name fixed in code (tests, benchmarks):
//   WithZone({.name = "payments", .timezone = "Europe/Berlin"})
// REQUIRES: tzdata knows `team.timezone` (aborts, naming it, otherwise).
TeamConfig WithZone(TeamConfig team);

// What the daemon takes in at once, enforced at the API edge (edge.h) and by
// gRPC (server.cc). The defaults keep teamloadd under 512 MiB resident however
// many clients send 16 MiB requests (bench/README.md, "Bounded under
// overload").
struct Limits {
  // One request: signals and coverage entries together, and its size.
  int64_t max_request_signals = 10'000;
  int64_t max_request_bytes = 16 << 20;
  // Ingest calls (Ingest, IngestStream) open at once, each able to hold one
  // request of up to max_request_bytes as it arrives. One more: refused at
  // once with RESOURCE_EXHAUSTED, which clients retry after a pause.
  int64_t max_ingest_calls = 12;
  // Bytes of ingest requests received and not yet answered, across every
  // call. A request that would go past it: RESOURCE_EXHAUSTED at once.
  int64_t max_inflight_bytes = 20 << 20;
  // gRPC server threads; each open call of any service holds one. Past it
  // gRPC answers RESOURCE_EXHAUSTED ("Server Threadpool Exhausted").
  int64_t max_threads = 64;
  // Calls one client connection may have open at once (HTTP/2
  // MAX_CONCURRENT_STREAMS); more wait in the client.
  int64_t max_streams_per_connection = 16;
  // Memory gRPC may use for connections and the messages it receives
  // (grpc::ResourceQuota); past it gRPC sheds connections.
  int64_t max_transport_bytes = 256 << 20;
};

// What a token may do (auth.tokens[i].role).
enum class Role {
  kCollector,  // ingest signals and coverage for teams in scope
  kReader,     // teams, narratives, themes, reports, watch, in scope
  kAdmin,      // everything
  kMetrics,    // /metrics only
};

// "collector", "reader", "admin", "metrics".
absl::string_view RoleName(Role role);

// A bearer token the daemon accepts. The token itself is never in the file:
// only its SHA-256 digest (`teamloadctl token new` prints both once).
struct TokenConfig {
  std::string name;    // who holds it, for logs and the audit log
  std::string sha256;  // 64 lowercase hex digits
  Role role = Role::kReader;
  // Team names and prefixes ("payments-*"), or "*" for every team. Empty
  // for the metrics role, which sees no team data.
  std::vector<std::string> teams;
};

// Whether `team` is `pattern` or, for a pattern ending in '*', starts with
// what comes before it ("*" matches every team). Reports and token scopes
// both name teams this way.
bool MatchesTeam(absl::string_view pattern, absl::string_view team);

// Certificates for the gRPC and metrics listeners; paths are resolved
// against the config file's folder.
struct TlsConfig {
  std::string cert;       // PEM certificate chain
  std::string key;        // PEM private key
  std::string client_ca;  // PEM CA bundle; set: clients must show a cert
};

// A scheduled report: the narratives of some teams, rendered at every slot
// of its schedule into the outbox and mailed to its recipients.
struct ReportConfig {
  std::string name;  // also its folder in the outbox: [A-Za-z0-9._-], 1..64
  ReportSchedule schedule;
  // The teams it covers, sorted and each once: `teams:` in the file names
  // teams or prefixes ("platform-*"), checked against the team registry.
  std::vector<std::string> teams;
  std::vector<std::string> recipients;  // e-mail addresses; may be empty
  bool markdown = true;                 // formats: which files to deliver
  bool html = true;
  // The environment variable holding a Slack incoming webhook's URL (a
  // secret: never in the file, never logged); empty: no Slack. teamloadd
  // reads and checks it at start (reports/webhook.h).
  std::string slack_webhook_env;
};

// How reports are mailed. The password is never in the file: it is read at
// send time from the environment variable named by password_env.
struct SmtpConfig {
  std::string url;  // smtp://HOST:PORT (STARTTLS when offered) or smtps://
  std::string from;
  std::string username;      // empty: no authentication
  std::string password_env;  // e.g. TEAMLOAD_SMTP_PASSWORD
};

struct Config {
  std::string listen = "127.0.0.1:7070";
  // Prometheus /metrics HOST:PORT; empty serves no metrics, port 0 picks a
  // free one.
  std::string metrics_listen;
  // gRPC HOST:PORT serving only the health service (grpc.health.v1.Health,
  // with the same statuses as on `listen`), in plaintext without tokens,
  // for probes that cannot speak TLS (Kubernetes' grpc: probe); empty
  // serves none, port 0 picks a free one. It reveals no team data, so
  // insecure_local's loopback rule does not apply to it.
  std::string health_listen;
  // "sqlite:PATH"; a relative PATH is resolved against the config file's
  // folder, so the daemon finds its data wherever it is started from. Or a
  // libpq connection URL, "postgresql://USER@HOST:PORT/DB?..." (several
  // hosts with target_session_attrs=read-write for a primary and standbys),
  // never holding a password (store_section.h).
  std::string store;
  // PostgreSQL: the environment variable that holds the password; empty:
  // libpq's PGPASSWORD, PGPASSFILE or ~/.pgpass.
  std::string store_password_env;
  Limits limits;
  AnalysisConfig analysis;
  std::shared_ptr<const ThemeCatalog> themes = DefaultThemes();  // `themes:`
  std::vector<TeamConfig> teams;
  std::vector<ReportConfig> reports;
  std::optional<SmtpConfig> smtp;  // unset: reports go to the outbox only
  // The outbox: <reports_dir>/<report>/<YYYY-MM-DD>.md|.html. Defaults to
  // "reports" beside the SQLite file; a relative path is resolved against
  // the config file's folder.
  std::string reports_dir;
  // Access control (security_section.h): either TLS with tokens, or
  // insecure_local with every listener on a loopback address.
  std::optional<TlsConfig> tls;
  std::vector<TokenConfig> tokens;  // `auth.tokens`
  bool insecure_local = false;
  // Set: one JSON line per call that reads team data (audit_log.h).
  std::string audit_log;
  // `retention:` (retention_section.h): how long each kind of signal is
  // kept after it occurred, by kind name ("survey_note"); a kind not here is
  // kept forever. By default survey notes are kept 400 days.
  std::map<std::string, absl::Duration> retention = {
      {"survey_note", absl::Hours(24) * 400}};
};

// Reads and checks the file at `path`.
absl::StatusOr<Config> LoadConfig(const std::string& path);

// Checks `yaml`; `file_name` prefixes error messages and its folder anchors
// relative store paths.
absl::StatusOr<Config> ParseConfig(absl::string_view yaml,
                                   absl::string_view file_name);

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_CONFIG_H_
