// teamloadd: collects signals about how close each team is running to its
// limits and serves what it knows over gRPC.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "daemon/api/audit_log.h"
#include "daemon/api/server.h"
#include "daemon/auth/authenticator.h"
#include "daemon/config/config.h"
#include "daemon/ingest/eraser.h"
#include "daemon/ingest/follower.h"
#include "daemon/ingest/ingestor.h"
#include "daemon/ingest/retention_sweeper.h"
#include "daemon/metrics/metrics.h"
#include "daemon/metrics/server.h"
#include "daemon/model/model.h"
#include "daemon/reports/runner.h"
#include "daemon/reports/scheduler.h"
#include "daemon/reports/smtp.h"
#include "daemon/reports/webhook.h"
#include "daemon/store/store.h"
#include "daemon/themes/reader.h"
#include "daemon/util/clock.h"
#include "daemon/util/log.h"
#include "text/controls.h"

namespace teamload {
namespace {

constexpr absl::Duration kShutdownGrace = absl::Seconds(10);

// How callers are checked, for the start line and --check-config.
std::string SecurityMode(const config::Config& config) {
  if (config.insecure_local) {
    return "insecure_local: no TLS, no tokens, loopback only";
  }
  return absl::StrFormat(
      "TLS%s, %d tokens",
      config.tls->client_ca.empty() ? "" : " with client certificates",
      config.tokens.size());
}

// The theme readers for the config's catalog: learnt from the built-in
// corpus and the config's examples, or read from the cache.
absl::StatusOr<std::unique_ptr<themes::Reader>> TrainThemes(
    const config::Config& config) {
  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<themes::Reader>> reader =
      themes::Reader::Train(config.themes);
  if (!reader.ok()) return reader.status();
  int survey = 0;
  for (const config::ThemeConfig& theme : *config.themes)
    survey += theme.source == config::ThemeSource::kSurvey;
  const std::string cache = themes::Reader::DefaultCacheDir();
  util::LogInfo(
      "themes: %d for survey answers, %d for write-ups, ready in %s "
      "(models kept in %s)",
      survey, config.themes->size() - survey,
      absl::FormatDuration(absl::Now() - start),
      cache.empty() ? "no cache: set CACHE_DIRECTORY" : cache);
  return reader;
}

// The health port, for the start line and --check-config; "" without one.
std::string HealthPort(const config::Config& config) {
  if (config.health_listen.empty()) return "";
  return absl::StrFormat("; health_listen %s (plaintext, no token)",
                         text::ShowControls(config.health_listen));
}

int CheckConfig(const std::string& path) {
  // Config errors quote the file's own text (a team's name, a path), which
  // may hold control characters: show them escaped, keeping the message's
  // own line breaks.
  absl::StatusOr<config::Config> config = config::LoadConfig(path);
  if (!config.ok()) {
    absl::FPrintF(
        stderr, "%s\n",
        text::ShowControls(config.status().message(), text::Newlines::kKeep));
    return 1;
  }
  // A start learns the themes: so does the check, to find what it would.
  if (absl::StatusOr<std::unique_ptr<themes::Reader>> reader =
          TrainThemes(*config);
      !reader.ok()) {
    absl::FPrintF(stderr, "%s: themes: %s\n", text::ShowControls(path),
                  text::ShowControls(reader.status().message()));
    return 1;
  }
  absl::PrintF("%s: ok (%d teams, store %s, listen %s, %s%s)\n",
               text::ShowControls(path), config->teams.size(),
               text::ShowControls(config->store),
               text::ShowControls(config->listen), SecurityMode(*config),
               HealthPort(*config));
  return 0;
}

// Opens the store, which applies its pending schema migrations, and exits.
int Migrate(const std::string& path) {
  absl::StatusOr<config::Config> config = config::LoadConfig(path);
  if (!config.ok()) {
    util::LogError("config refused:\n%s", config.status().message());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::Store::Open(
      config->store, {.password_env = config->store_password_env});
  absl::StatusOr<int> version =
      store.ok() ? (*store)->SchemaVersion() : store.status();
  if (!version.ok()) {
    util::LogError("cannot migrate the store: %s", version.status().message());
    return 1;
  }
  util::LogInfo("%s is at schema version %d", config->store, *version);
  return 0;
}

int Serve(const std::string& path) {
  absl::StatusOr<config::Config> config = config::LoadConfig(path);
  if (!config.ok()) {
    util::LogError("config refused:\n%s", config.status().message());
    return 1;
  }
  // Signals are taken synchronously by this thread (sigwait below); block
  // them before any other thread exists so none of those receives them.
  // SIGHUP reopens the audit log (logrotate).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // Past a file size limit, a write fails (and the store answers "full")
  // instead of the process being killed.
  signal(SIGXFSZ, SIG_IGN);

  // Slack webhook URLs come from the environment, once: a report whose
  // variable is unset or not a webhook URL stops the start here, before
  // anything is opened. The URLs are secrets and never logged.
  absl::StatusOr<std::unique_ptr<reports::WebhookPoster>> slack =
      reports::WebhookPoster::FromEnvironment(config->reports);
  if (!slack.ok()) {
    util::LogError("%s", slack.status().message());
    return 1;
  }

  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<store::Store>> store = store::Store::Open(
      config->store, {.password_env = config->store_password_env});
  if (!store.ok()) {
    util::LogError("cannot open the store: %s", store.status().message());
    return 1;
  }
  // Where following other replicas' writes starts: read before loading, so
  // a write landing during the load comes again rather than never.
  absl::StatusOr<int64_t> feed_start = (*store)->ChangeCursor();
  if (!feed_start.ok()) {
    util::LogError("cannot read the store's change feed: %s",
                   feed_start.status().message());
    return 1;
  }
  absl::StatusOr<std::unique_ptr<themes::Reader>> reader = TrainThemes(*config);
  if (!reader.ok()) {
    util::LogError("cannot learn the themes: %s", reader.status().message());
    return 1;
  }
  model::Model model(config->teams, reader->get());
  if (absl::Status s = model.Rebuild(**store); !s.ok()) {
    util::LogError("cannot load state from %s: %s", config->store, s.message());
    return 1;
  }
  util::LogInfo("loaded %d signals for %d teams from %s in %s",
                model.SignalCount(), config->teams.size(), config->store,
                absl::FormatDuration(absl::Now() - start));

  util::SystemClock clock;
  metrics::Metrics metrics;
  ingest::Ingestor ingestor(store->get(), &model, &clock, &metrics);
  // Retention: one sweep now, before serving, then one a day.
  ingest::Eraser eraser(store->get(), &model, &ingestor, config->retention,
                        &clock);
  if (absl::Status s = eraser.Sweep(); !s.ok()) {
    util::LogError(
        "the retention sweep at start failed (tried again in a "
        "day): %s",
        s.message());
  }
  ingest::RetentionSweeper sweeper(&eraser, &clock, {});
  sweeper.Start();
  // Only a shared database has other writers to follow.
  std::unique_ptr<ingest::Follower> follower;
  if (!absl::StartsWith(config->store, "sqlite:")) {
    follower = std::make_unique<ingest::Follower>(
        store->get(), &model, &clock, *feed_start, ingest::Follower::Options{});
    follower->Start();
  }
  const std::unique_ptr<auth::Authenticator> authenticator =
      auth::Authenticator::ForConfig(*config, &clock, &metrics);
  std::unique_ptr<metrics::MetricsServer> metrics_server;
  if (!config->metrics_listen.empty()) {
    absl::StatusOr<std::unique_ptr<metrics::MetricsServer>> started =
        metrics::MetricsServer::Start({.address = config->metrics_listen,
                                       .tls = config->tls,
                                       .authenticator = authenticator.get()},
                                      metrics.registry(), &model, &clock);
    if (!started.ok()) {
      util::LogError("%s", started.status().message());
      return 1;
    }
    metrics_server = std::move(*started);
    util::LogInfo("serving metrics on %s", metrics_server->address());
  }
  std::unique_ptr<api::AuditLog> audit;
  if (!config->audit_log.empty()) {
    absl::StatusOr<std::unique_ptr<api::AuditLog>> opened =
        api::AuditLog::Open(config->audit_log, &clock);
    if (!opened.ok()) {
      util::LogError("%s", opened.status().message());
      return 1;
    }
    audit = *std::move(opened);
    util::LogInfo("audit log %s (reopened on SIGHUP)", config->audit_log);
  }
  absl::StatusOr<std::unique_ptr<api::Server>> server =
      api::Server::Start(*config, {.ingestor = &ingestor,
                                   .model = &model,
                                   .clock = &clock,
                                   .authenticator = authenticator.get(),
                                   .audit = audit.get(),
                                   .observer = &metrics,
                                   .eraser = &eraser});
  if (!server.ok()) {
    util::LogError("%s", server.status().message());
    return 1;
  }
  // Before the gRPC line, which tests and scripts wait for.
  if (!(*server)->health_address().empty()) {
    util::LogInfo(
        "serving gRPC health on %s (grpc.health.v1.Health only, "
        "plaintext, no token)",
        (*server)->health_address());
  }
  util::LogInfo("serving gRPC on %s (%s)", (*server)->address(),
                SecurityMode(*config));
  if (config->insecure_local) {
    util::LogWarning(
        "insecure_local: anyone on this machine can read every team's story; "
        "set tls: and auth: before sharing it (docs/SECURITY.md)");
  }

  // Reports are mailed only when the config has an smtp: section, and
  // posted to Slack only when they name a webhook (read at start, above).
  std::unique_ptr<reports::SmtpMailer> mailer;
  if (config->smtp.has_value())
    mailer = std::make_unique<reports::SmtpMailer>(*config->smtp);
  // Every scheduled report run (sent, written, skipped, failed) is counted,
  // and every delivery by channel.
  reports::ReportRunner report_runner(
      config->reports_dir, &model, store->get(), &clock,
      {.mailer = mailer.get(),
       .slack = (*slack)->empty() ? nullptr : slack->get()},
      [&metrics](absl::string_view report, reports::RunOutcome outcome) {
        metrics.ReportRun(report, reports::RunOutcomeName(outcome));
      },
      [&metrics](absl::string_view report, reports::Channel channel, bool ok) {
        metrics.ReportDelivery(report, reports::ChannelName(channel), ok);
      });
  reports::Scheduler scheduler(config->reports, &report_runner, &clock, {});
  if (!config->reports.empty()) {
    util::LogInfo("%d scheduled reports; outbox %s", config->reports.size(),
                  config->reports_dir);
  }
  scheduler.Start();

  int received = 0;
  while (sigwait(&signals, &received) == 0 && received == SIGHUP) {
    if (audit == nullptr) continue;
    if (absl::Status s = audit->Reopen(); !s.ok()) {
      util::LogError("SIGHUP: %s; still appending to the old file",
                     s.message());
    } else {
      util::LogInfo("SIGHUP: reopened the audit log %s", config->audit_log);
    }
  }
  util::LogInfo(
      "received %s: no new requests; finishing those in flight (up to %s)",
      received == SIGTERM ? "SIGTERM" : "SIGINT",
      absl::FormatDuration(kShutdownGrace));
  scheduler.Stop();  // a report run in progress ends first
  (*server)->Shutdown(kShutdownGrace);
  metrics_server.reset();
  sweeper.Stop();
  if (follower != nullptr) follower->Stop();
  const ingest::IngestCounts totals = ingestor.Totals();
  store->reset();
  util::LogInfo(
      "stopped cleanly; this run: %d accepted, %d duplicate, %d revised, %d "
      "rejected",
      totals.accepted, totals.duplicate, totals.revised, totals.rejected);
  return 0;
}

}  // namespace
}  // namespace teamload

int main(int argc, char** argv) {
  CLI::App app{
      "teamloadd: tells engineering leaders, team by team, how close each team "
      "is running to its limits.\n\nServes gRPC (teamload.v1 IngestService, "
      "TeamService, NarrativeService, ReportService, AnnotationService and "
      "AdminService, plus gRPC health and server reflection) on the config's "
      "`listen` address, Prometheus "
      "/metrics on `metrics_listen` when set, the gRPC health service alone "
      "(plaintext, no token: it reveals no team data) on `health_listen` "
      "when set, for probes that cannot speak TLS, and runs the config's "
      "scheduled reports, until SIGTERM or SIGINT (health answers "
      "NOT_SERVING from then on). SIGHUP reopens the audit log.\n\n"
      "Secure by default: it serves TLS with bearer tokens (`tls:` and "
      "`auth:`; `teamloadctl token new` makes tokens), or, with "
      "`insecure_local: true`, neither and on loopback addresses only. "
      "See docs/SECURITY.md."};
  std::string config_path;
  std::string check_path;
  auto* config_opt =
      app.add_option("--config", config_path, "YAML config file to run with")
          ->check(CLI::ExistingFile);
  auto* check_opt =
      app.add_option("--check-config", check_path,
                     "Only check this config file: print problems with "
                     "file:line:column and exit 1, or exit 0")
          ->check(CLI::ExistingFile);
  config_opt->excludes(check_opt);
  std::string migrate_path;
  CLI::App* migrate = app.add_subcommand(
      "migrate",
      "Apply the store's pending schema migrations (under a lock, so "
      "replicas starting meanwhile wait) and exit");
  migrate
      ->add_option("--config", migrate_path,
                   "YAML config file naming the store")
      ->required()
      ->check(CLI::ExistingFile);
  app.set_version_flag("--version", "teamloadd 0.1.0");
  app.footer(
      "Example:\n  teamloadd --config /etc/teamload/teamload.yaml\n"
      "  teamloadd --check-config deploy/teamload.example.yaml\n"
      "  teamloadd migrate --config /etc/teamload/teamload.yaml\n");
  CLI11_PARSE(app, argc, argv);
  if (*migrate) return teamload::Migrate(migrate_path);
  if (!check_path.empty()) return teamload::CheckConfig(check_path);
  if (config_path.empty()) {
    std::fprintf(stderr, "teamloadd: --config FILE is required (see --help)\n");
    return 2;
  }
  return teamload::Serve(config_path);
}
