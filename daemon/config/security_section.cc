#include "daemon/config/security_section.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "daemon/config/listen_section.h"
#include "daemon/config/team_patterns.h"

namespace teamload::config {
namespace {

// By Role's value.
constexpr absl::string_view kRoleNames[] = {"collector", "reader", "admin",
                                            "metrics"};

bool IsTokenName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_' && c != '.' && c != '@') {
      return false;
    }
  }
  return true;
}

bool IsSha256Hex(absl::string_view digest) {
  if (digest.size() != 64) return false;
  for (char c : digest) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A certificate or key the daemon must read at start (`map[key]`): checked
// now, so --check-config finds a wrong path.
void ReadPemPath(const YAML::Node& map, const char* key,
                 absl::string_view file_name, std::string& out,
                 Problems& problems) {
  const std::string field = absl::StrCat("tls.", key);
  const YAML::Node node = map[key];
  if (!node) {
    problems.Add(map, field, "is required (a PEM file)");
    return;
  }
  if (ReadPath(node, field, file_name, out, problems) &&
      access(out.c_str(), R_OK) != 0) {
    problems.Add(
        node, field,
        absl::StrFormat("cannot read \"%s\" (%s)", out, std::strerror(errno)));
  }
}

void ReadTls(const YAML::Node& node, absl::string_view file_name,
             TlsConfig& tls, Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(node, "tls", "must be a map with cert, key and client_ca");
    return;
  }
  CheckKeys(node, "tls.", {"cert", "key", "client_ca"}, problems);
  ReadPemPath(node, "cert", file_name, tls.cert, problems);
  ReadPemPath(node, "key", file_name, tls.key, problems);
  if (node["client_ca"]) {
    ReadPemPath(node, "client_ca", file_name, tls.client_ca, problems);
  }
}

void ReadToken(const YAML::Node& node, const std::string& field,
               const std::vector<TeamConfig>& registry, TokenConfig& token,
               Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(node, field, "must be a map with name, sha256, role, teams");
    return;
  }
  const std::string prefix = field + ".";
  CheckKeys(node, prefix, {"name", "sha256", "role", "teams"}, problems);
  if (!node["name"]) {
    problems.Add(node, prefix + "name", "is required: who holds the token");
  } else if (ReadString(node["name"], prefix + "name", token.name, problems) &&
             !IsTokenName(token.name)) {
    problems.Add(node["name"], prefix + "name",
                 absl::StrFormat("\"%s\" must be 1..64 of A-Z a-z 0-9 . _ - @",
                                 token.name));
  }
  if (!node["sha256"]) {
    problems.Add(node, prefix + "sha256",
                 "is required: the token's SHA-256 digest (teamloadctl token "
                 "new prints it)");
  } else if (ReadString(node["sha256"], prefix + "sha256", token.sha256,
                        problems)) {
    if (!IsSha256Hex(token.sha256)) {
      problems.Add(node["sha256"], prefix + "sha256",
                   "must be 64 hex digits, the SHA-256 digest of the token "
                   "(never the token itself)");
    }
    absl::AsciiStrToLower(&token.sha256);
  }
  std::string role;
  if (!node["role"]) {
    problems.Add(node, prefix + "role",
                 "is required: collector, reader, admin or metrics");
  } else if (ReadString(node["role"], prefix + "role", role, problems)) {
    bool known = false;
    for (int r = 0; r < static_cast<int>(std::size(kRoleNames)); ++r) {
      if (kRoleNames[r] == role) {
        token.role = static_cast<Role>(r);
        known = true;
      }
    }
    if (!known) {
      problems.Add(node["role"], prefix + "role",
                   absl::StrFormat("unknown role \"%s\" (expected collector, "
                                   "reader, admin or metrics)",
                                   role));
      return;
    }
  }
  if (token.role == Role::kMetrics) {
    if (node["teams"]) {
      problems.Add(node["teams"], prefix + "teams",
                   "a metrics token reads /metrics only, never team data: "
                   "leave teams out");
    }
  } else if (!node["teams"]) {
    problems.Add(node, prefix + "teams",
                 "is required: the teams this token may see, as names, "
                 "prefixes (payments-*) or \"*\"");
  } else {
    ReadTeamPatterns(node["teams"], prefix + "teams", registry, token.teams,
                     problems);
  }
}

void ReadAuth(const YAML::Node& node, const std::vector<TeamConfig>& registry,
              std::vector<TokenConfig>& tokens, Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(node, "auth", "must be a map with tokens");
    return;
  }
  CheckKeys(node, "auth.", {"tokens"}, problems);
  const YAML::Node list = node["tokens"];
  if (!list || !list.IsSequence() || list.size() == 0) {
    problems.Add(list ? list : node, "auth.tokens",
                 "must be a non-empty list of {name, sha256, role, teams}");
    return;
  }
  absl::flat_hash_set<std::string> names;
  absl::flat_hash_set<std::string> digests;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = absl::StrFormat("auth.tokens[%d]", i);
    TokenConfig token;
    ReadToken(list[i], field, registry, token, problems);
    if (!token.name.empty() && !names.insert(token.name).second) {
      problems.Add(list[i]["name"], field + ".name",
                   absl::StrFormat("token \"%s\" is listed twice", token.name));
    }
    if (IsSha256Hex(token.sha256) && !digests.insert(token.sha256).second) {
      problems.Add(list[i]["sha256"], field + ".sha256",
                   "the same digest is listed twice: every holder needs a "
                   "token of their own");
    }
    tokens.push_back(std::move(token));
  }
}

}  // namespace

absl::string_view RoleName(Role role) {
  return kRoleNames[static_cast<int>(role)];
}

bool IsLoopbackAddress(absl::string_view address) {
  const std::size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos) return false;
  std::string host(address.substr(0, colon));
  if (host == "localhost") return true;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    in6_addr ipv6;
    return inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(),
                     &ipv6) == 1 &&
           IN6_IS_ADDR_LOOPBACK(&ipv6);
  }
  in_addr ipv4;
  return inet_pton(AF_INET, host.c_str(), &ipv4) == 1 &&
         (ntohl(ipv4.s_addr) >> 24) == 127;
}

void ReadSecuritySection(const YAML::Node& root, absl::string_view file_name,
                         Config& config, Problems& problems) {
  if (const YAML::Node tls = root["tls"]) {
    config.tls.emplace();
    ReadTls(tls, file_name, *config.tls, problems);
  }
  if (const YAML::Node auth = root["auth"]) {
    ReadAuth(auth, config.teams, config.tokens, problems);
  }
  if (const YAML::Node audit = root["audit_log"]) {
    ReadPath(audit, "audit_log", file_name, config.audit_log, problems);
  }
  if (const YAML::Node insecure = root["insecure_local"]) {
    if (!insecure.IsScalar() ||
        !YAML::convert<bool>::decode(insecure, config.insecure_local)) {
      problems.Add(insecure, "insecure_local", "must be true or false");
      return;
    }
  }
  if (config.insecure_local) {
    if (root["tls"] || root["auth"]) {
      problems.Add(root["insecure_local"], "insecure_local",
                   "turns TLS and tokens off, so it cannot stand with tls: or "
                   "auth:; remove one or the other");
    }
    for (const auto& [key, address, carries_team_data] : Listeners(config)) {
      // The health port answers only whether teamloadd is serving.
      if (!carries_team_data || IsLoopbackAddress(address)) continue;
      problems.Add(root[key] ? root[key] : root["insecure_local"], key,
                   absl::StrFormat(
                       "\"%s\" is not a loopback address: with insecure_local "
                       "(no TLS, no tokens) teamloadd listens only on "
                       "127.0.0.1, [::1] or localhost; set tls: and auth: to "
                       "serve the network",
                       address));
    }
    return;
  }
  if (!root["tls"]) {
    problems.Add(root, "tls",
                 "is required: without it survey answers and tokens travel "
                 "in clear (for a trial on this machine only, set "
                 "insecure_local: true instead; see docs/SECURITY.md)");
  }
  if (!root["auth"]) {
    problems.Add(root, "auth",
                 "is required: without tokens anyone who reaches the port "
                 "reads every team's story (for a trial on this machine "
                 "only, set insecure_local: true instead; see "
                 "docs/SECURITY.md)");
  }
}

}  // namespace teamload::config
