#include "daemon/metrics/server.h"

#include <exception>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "daemon/util/log.h"

namespace teamload::metrics {
namespace {

constexpr std::size_t kServerThreads = 2;

// civetweb as Debian builds it has no IPv6, and refuses "[::]:P". The two
// IPv6 addresses with an IPv4 twin are served on that twin instead: "every
// address" and loopback. "" for any other address.
std::string Ipv4Twin(absl::string_view address) {
  const auto colon = address.rfind(':');
  if (colon == absl::string_view::npos) return "";
  const absl::string_view host = address.substr(0, colon);
  const absl::string_view port = address.substr(colon);
  if (host == "[::]") return absl::StrCat("0.0.0.0", port);
  if (host == "[::1]") return absl::StrCat("127.0.0.1", port);
  return "";
}

std::unique_ptr<prometheus::Exposer> Listen(const std::string& address) {
  try {
    return std::make_unique<prometheus::Exposer>(address, kServerThreads);
  } catch (const std::exception&) {
    // civetweb says only "null context when constructing CivetServer".
    return nullptr;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& address, std::shared_ptr<prometheus::Registry> registry,
    const model::Model* model, const util::Clock* clock) {
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->registry_ = std::move(registry);
  server->teams_ = std::make_shared<TeamCollector>(model, clock);
  std::string serving = address;
  server->exposer_ = Listen(address);
  if (server->exposer_ == nullptr && absl::StartsWith(address, "[")) {
    serving = Ipv4Twin(address);
    if (serving.empty()) {
      return absl::UnavailableError(absl::StrFormat(
          "cannot serve metrics on %s: this teamloadd's HTTP server (civetweb) "
          "has no IPv6; use an IPv4 address, or [::] for every address",
          address));
    }
    server->exposer_ = Listen(serving);
    if (server->exposer_ != nullptr) {
      util::LogWarning(
          "metrics_listen %s: this teamloadd's HTTP server (civetweb) has no "
          "IPv6, so metrics are served on %s (IPv4 only)",
          address, serving);
    }
  }
  if (server->exposer_ == nullptr) {
    return absl::UnavailableError(absl::StrFormat(
        "cannot serve metrics on %s (is the address in use, or not an address "
        "of this machine?)",
        serving));
  }
  server->exposer_->RegisterCollectable(server->registry_);
  server->exposer_->RegisterCollectable(server->teams_);
  const std::vector<int> ports = server->exposer_->GetListeningPorts();
  if (ports.empty()) {
    return absl::UnavailableError(
        absl::StrFormat("cannot serve metrics on %s", address));
  }
  server->address_ =
      absl::StrCat(serving.substr(0, serving.rfind(':')), ":", ports.front());
  return server;
}

}  // namespace teamload::metrics
