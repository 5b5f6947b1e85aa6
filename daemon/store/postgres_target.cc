#include "daemon/store/postgres_target.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <pqxx/except>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace teamload::store {
namespace {

// Parameters teamloadd sets unless the URL does: a dead host fails a connect
// in seconds instead of minutes, a silent network loss is noticed by TCP
// keepalives, and operators can tell teamloadd's sessions apart.
constexpr std::pair<const char*, const char*> kDefaults[] = {
    {"connect_timeout", "5"},          {"keepalives_idle", "15"},
    {"keepalives_interval", "5"},      {"keepalives_count", "3"},
    {"application_name", "teamloadd"},
};

using ParsedOptions =
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

std::string ValueOf(const PQconninfoOption* options, absl::string_view key) {
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (key == o->keyword && o->val != nullptr) return o->val;
  }
  return "";
}

// "db1:5432,db2:5432/teamload" from the parsed host, port and dbname lists;
// a port given once applies to every host, as in libpq.
std::string Where(const PQconninfoOption* options) {
  std::string hosts = ValueOf(options, "host");
  if (hosts.empty()) hosts = ValueOf(options, "hostaddr");
  if (hosts.empty()) hosts = "(local socket)";
  const std::vector<std::string> host_list = absl::StrSplit(hosts, ',');
  const std::string ports = ValueOf(options, "port");
  const std::vector<std::string> port_list =
      absl::StrSplit(ports, ',', absl::SkipEmpty());
  std::vector<std::string> named;
  for (size_t i = 0; i < host_list.size(); ++i) {
    const std::string* port = nullptr;
    if (port_list.size() == 1) port = &port_list[0];
    if (port_list.size() == host_list.size()) port = &port_list[i];
    named.push_back(port == nullptr ? host_list[i]
                                    : absl::StrCat(host_list[i], ":", *port));
  }
  return absl::StrCat("postgresql://", absl::StrJoin(named, ","), "/",
                      ValueOf(options, "dbname"));
}

std::string PercentEncoded(absl::string_view value) {
  std::string out;
  for (const unsigned char c : value) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

// Appends key=value to a URL's query string.
void AppendParameter(std::string& url, absl::string_view key,
                     absl::string_view value) {
  const char last = url.back();
  if (url.find('?') == std::string::npos) {
    url.push_back('?');
  } else if (last != '?' && last != '&') {
    url.push_back('&');
  }
  absl::StrAppend(&url, key, "=", PercentEncoded(value));
}

// libpq's messages span lines ("...failed: Connection refused\n\tIs the
// server running..."); a log line holds one.
std::string OneLine(absl::string_view message) {
  std::string line = absl::StrReplaceAll(absl::StripAsciiWhitespace(message),
                                         {{"\n\t", " "}, {"\n", "; "}});
  return line;
}

absl::Status Unavailable(absl::string_view where, absl::string_view doing,
                         absl::string_view what, const std::exception& e) {
  return absl::UnavailableError(absl::StrFormat("%s: %s: %s (%s)", where, doing,
                                                what, OneLine(e.what())));
}

}  // namespace

absl::StatusOr<PostgresTarget> ReadPostgresTarget(absl::string_view url,
                                                  const OpenOptions& options) {
  const std::string text(url);
  char* error = nullptr;
  ParsedOptions parsed(PQconninfoParse(text.c_str(), &error), &PQconninfoFree);
  if (parsed == nullptr) {
    std::string message = error != nullptr ? OneLine(error) : "out of memory";
    PQfreemem(error);
    return absl::InvalidArgumentError(
        absl::StrFormat("postgresql: not a libpq connection URL: %s", message));
  }
  PostgresTarget target{.conninfo = text, .where = Where(parsed.get())};
  if (!ValueOf(parsed.get(), "password").empty()) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: the URL holds a password; a password is never written in the "
        "config: name the environment variable that holds it with "
        "store_password_env, or use PGPASSWORD or PGPASSFILE",
        target.where));
  }
  if (!options.password_env.empty()) {
    const char* password = std::getenv(options.password_env.c_str());
    if (password == nullptr || *password == '\0') {
      return absl::FailedPreconditionError(absl::StrFormat(
          "%s: the environment variable %s (store_password_env) is not set",
          target.where, options.password_env));
    }
    AppendParameter(target.conninfo, "password", password);
  }
  for (const auto& [key, value] : kDefaults) {
    if (ValueOf(parsed.get(), key).empty()) {
      AppendParameter(target.conninfo, key, value);
    }
  }
  return target;
}

PostgresFailure ClassifyPostgresFailure(const std::exception& e,
                                        absl::string_view where,
                                        absl::string_view doing) {
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return {Unavailable(where, doing,
                        "lost the connection during the commit, so whether it "
                        "committed is unknown; writing the batch again is safe",
                        e),
            true};
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return {Unavailable(where, doing, "the connection failed", e), true};
  }
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  if (sql == nullptr) {
    return {absl::InternalError(
                absl::StrFormat("%s: %s: %s", where, doing, OneLine(e.what()))),
            true};
  }
  const std::string& state = sql->sqlstate();
  const absl::string_view state_class = absl::string_view(state).substr(0, 2);
  // 08: connection exceptions; 57P01..57P03: the server is shutting down,
  // crashed or starting; 25006: a read-only standby (after a failover the
  // next connect finds the new primary through target_session_attrs).
  if (state_class == "08" || state == "57P01" || state == "57P02" ||
      state == "57P03") {
    return {Unavailable(where, doing, "the connection failed", e), true};
  }
  if (state == "25006") {
    return {Unavailable(where, doing, "the server is read-only", e), true};
  }
  if (state == "53100") {
    return {absl::ResourceExhaustedError(absl::StrFormat(
                "%s: %s: the database server's disk is full (%s)", where, doing,
                OneLine(e.what()))),
            false};
  }
  // 40: serialization failures and deadlocks; 53: out of memory or
  // connections; 55P03: a lock not available; 57014: a cancelled statement.
  if (state_class == "40" || state_class == "53" || state == "55P03" ||
      state == "57014") {
    return {Unavailable(where, doing, "the server could not do it now", e),
            false};
  }
  if (state_class == "23") {
    return {absl::AlreadyExistsError(
                absl::StrFormat("%s: %s: %s", where, doing, OneLine(e.what()))),
            false};
  }
  if (state_class == "22") {
    return {absl::InvalidArgumentError(
                absl::StrFormat("%s: %s: the server refused the data (%s)",
                                where, doing, OneLine(e.what()))),
            false};
  }
  return {absl::InternalError(
              absl::StrFormat("%s: %s: %s", where, doing, OneLine(e.what()))),
          false};
}

}  // namespace teamload::store
