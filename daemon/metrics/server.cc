#include "daemon/metrics/server.h"

#include <exception>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::metrics {
namespace {

constexpr std::size_t kServerThreads = 2;

}  // namespace

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& address, std::shared_ptr<prometheus::Registry> registry,
    const model::Model* model, const util::Clock* clock) {
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->registry_ = std::move(registry);
  server->teams_ = std::make_shared<TeamCollector>(model, clock);
  try {
    server->exposer_ =
        std::make_unique<prometheus::Exposer>(address, kServerThreads);
  } catch (const std::exception&) {
    // civetweb says only "null context when constructing CivetServer".
    return absl::UnavailableError(absl::StrFormat(
        "cannot serve metrics on %s (is the address in use, or not an address "
        "of this machine?)",
        address));
  }
  server->exposer_->RegisterCollectable(server->registry_);
  server->exposer_->RegisterCollectable(server->teams_);
  const std::vector<int> ports = server->exposer_->GetListeningPorts();
  if (ports.empty()) {
    return absl::UnavailableError(
        absl::StrFormat("cannot serve metrics on %s", address));
  }
  server->address_ =
      absl::StrCat(address.substr(0, address.rfind(':')), ":", ports.front());
  return server;
}

}  // namespace teamload::metrics
