#include "daemon/config/listen_section.h"

#include <arpa/inet.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace teamload::config {
namespace {

// The metrics server takes IPV4:PORT, or [::]:PORT and [::1]:PORT, which it
// serves on 0.0.0.0 and 127.0.0.1; a host name would fail only at start, so
// say so now.
void CheckMetricsListen(const YAML::Node& node, const std::string& address,
                        Problems& problems) {
  if (address.empty()) return;  // no metrics
  const std::optional<int> port = ListenPort(address);
  const std::string host = address.substr(0, address.rfind(':'));
  const bool ipv6 =
      host.size() > 2 && host.front() == '[' && host.back() == ']';
  in_addr ipv4;
  if (port.has_value() && ipv6 && host != "[::]" && host != "[::1]") {
    // The metrics server maps these two to 0.0.0.0 and 127.0.0.1.
    problems.Add(node, "metrics_listen",
                 absl::StrFormat("\"%s\": the metrics server listens on "
                                 "IPv4 only; use an IPv4 address, or [::] "
                                 "for every address",
                                 address));
    return;
  }
  if (!port.has_value() ||
      (!ipv6 && inet_pton(AF_INET, host.c_str(), &ipv4) != 1)) {
    problems.Add(node, "metrics_listen",
                 absl::StrFormat("\"%s\" is not IP:PORT (e.g. 127.0.0.1:9470; "
                                 "port 0 picks a free port; leave it out to "
                                 "serve no metrics)",
                                 address));
  }
}

// gRPC resolves the host (a name, an IPv4 address, [IPv6]) when it starts;
// the port must be a number now.
void CheckHealthListen(const YAML::Node& node, const std::string& address,
                       Problems& problems) {
  if (address.empty() || ListenPort(address).has_value()) return;
  problems.Add(node, "health_listen",
               absl::StrFormat("\"%s\" is not HOST:PORT (e.g. 0.0.0.0:7071; "
                               "port 0 picks a free port; leave it out to "
                               "serve no health port)",
                               address));
}

// Two listeners on one port cannot both work (a plaintext health port on a
// TLS port least of all), whatever hosts they name. Port 0 picks a free
// port each time, so it never clashes.
void CheckPortsDiffer(const YAML::Node& root, const Config& config,
                      Problems& problems) {
  const std::vector<Listener> listeners = Listeners(config);
  for (std::size_t i = 0; i < listeners.size(); ++i) {
    const std::optional<int> port = ListenPort(listeners[i].address);
    if (!port.has_value() || *port == 0) continue;
    for (std::size_t before = 0; before < i; ++before) {
      if (ListenPort(listeners[before].address) != port) continue;
      problems.Add(
          root[listeners[i].key], listeners[i].key,
          absl::StrFormat("\"%s\" takes port %d, which %s (\"%s\") "
                          "already has: give each listener a port "
                          "of its own",
                          listeners[i].address, *port, listeners[before].key,
                          listeners[before].address));
      break;
    }
  }
}

}  // namespace

std::optional<int> ListenPort(absl::string_view address) {
  const std::size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) return std::nullopt;
  const absl::string_view digits = address.substr(colon + 1);
  int port = -1;
  if (digits.empty() || digits.size() > 5 ||
      !std::all_of(digits.begin(), digits.end(),
                   [](char c) { return absl::ascii_isdigit(c); }) ||
      !absl::SimpleAtoi(digits, &port) || port > 65535) {
    return std::nullopt;
  }
  return port;
}

std::vector<Listener> Listeners(const Config& config) {
  std::vector<Listener> listeners = {{"listen", config.listen, true}};
  if (!config.metrics_listen.empty()) {
    listeners.push_back({"metrics_listen", config.metrics_listen, true});
  }
  if (!config.health_listen.empty()) {
    listeners.push_back({"health_listen", config.health_listen, false});
  }
  return listeners;
}

void ReadListenSection(const YAML::Node& root, Config& config,
                       Problems& problems) {
  if (root["listen"] &&
      ReadString(root["listen"], "listen", config.listen, problems) &&
      config.listen.rfind(':') == std::string::npos) {
    problems.Add(root["listen"], "listen",
                 absl::StrFormat("\"%s\" is not HOST:PORT", config.listen));
  }
  if (root["metrics_listen"] &&
      ReadString(root["metrics_listen"], "metrics_listen",
                 config.metrics_listen, problems)) {
    CheckMetricsListen(root["metrics_listen"], config.metrics_listen, problems);
  }
  if (root["health_listen"] &&
      ReadString(root["health_listen"], "health_listen", config.health_listen,
                 problems)) {
    CheckHealthListen(root["health_listen"], config.health_listen, problems);
  }
  CheckPortsDiffer(root, config, problems);
}

}  // namespace teamload::config
