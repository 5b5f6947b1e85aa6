#include "daemon/metrics/http_endpoint.h"

#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstdarg>
#include <cstdint>
#include <cstdio>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "daemon/metrics/tls_pem.h"

namespace teamload::metrics {
namespace internal {

struct Serving {
  // Constant after Start.
  HttpEndpoint::Handler handler;
  TlsPem pem;  // libmicrohttpd keeps pointers into it
  bool verify_clients = false;

  // State below is protected by mu.
  absl::Mutex mu;
  // libmicrohttpd's last complaint: why it would not start.
  std::string last_error ABSL_GUARDED_BY(mu);
};

}  // namespace internal
namespace {

using internal::Serving;

// TLS 1.2 at least, as the gRPC listener.
constexpr char kTlsPriorities[] = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";

// Marks a request whose head has been seen, in libmicrohttpd's per-request
// pointer.
char kHeadSeen;

absl::StatusOr<sockaddr_in> ParseIpv4(absl::string_view address) {
  const std::size_t colon = address.rfind(':');
  sockaddr_in parsed{};
  parsed.sin_family = AF_INET;
  uint32_t port = 0;
  const std::string host(address.substr(0, colon));
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port > 65535 ||
      inet_pton(AF_INET, host.c_str(), &parsed.sin_addr) != 1) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "cannot serve metrics on %s: not an IPV4:PORT address", address));
  }
  parsed.sin_port = htons(static_cast<uint16_t>(port));
  return parsed;
}

std::string PeerName(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  char host[INET_ADDRSTRLEN] = "?";
  uint16_t port = 0;
  if (info != nullptr && info->client_addr != nullptr &&
      info->client_addr->sa_family == AF_INET) {
    const auto* peer = reinterpret_cast<const sockaddr_in*>(info->client_addr);
    inet_ntop(AF_INET, &peer->sin_addr, host, sizeof(host));
    port = ntohs(peer->sin_port);
  }
  return absl::StrCat("ipv4:", host, ":", port);
}

// Whether the client showed a certificate chain that leads to
// tls.client_ca, valid now, for a TLS client. libmicrohttpd asks for the
// certificate but leaves judging it to us.
bool ClientCertified(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_GNUTLS_SESSION);
  if (info == nullptr || info->tls_session == nullptr) return false;
  gnutls_typed_vdata_st purpose{};
  purpose.type = GNUTLS_DT_KEY_PURPOSE_OID;
  purpose.data = reinterpret_cast<unsigned char*>(
      const_cast<char*>(GNUTLS_KP_TLS_WWW_CLIENT));
  unsigned int problems = 0;
  return gnutls_certificate_verify_peers(
             static_cast<gnutls_session_t>(info->tls_session), &purpose, 1,
             &problems) == GNUTLS_E_SUCCESS &&
         problems == 0;
}

MHD_Result AddHeader(void* request, MHD_ValueKind, const char* name,
                     const char* value) {
  static_cast<HttpEndpoint::Request*>(request)->headers.emplace_back(
      absl::AsciiStrToLower(name),
      absl::StripAsciiWhitespace(value == nullptr ? "" : value));
  return MHD_YES;
}

void DeleteBody(void* body) { delete static_cast<std::string*>(body); }

MHD_Result Queue(MHD_Connection* connection, HttpEndpoint::Response response) {
  auto body = std::make_unique<std::string>(std::move(response.body));
  MHD_Response* answer = MHD_create_response_from_buffer_with_free_callback_cls(
      body->size(), body->data(), &DeleteBody, body.get());
  if (answer == nullptr) return MHD_NO;
  body.release();  // the answer's now, freed with it
  MHD_add_response_header(answer, MHD_HTTP_HEADER_CONTENT_TYPE,
                          response.content_type.c_str());
  for (const auto& [name, value] : response.headers) {
    MHD_add_response_header(answer, name.c_str(), value.c_str());
  }
  const MHD_Result queued = MHD_queue_response(
      connection, static_cast<unsigned int>(response.status), answer);
  MHD_destroy_response(answer);
  return queued;
}

// libmicrohttpd's access handler: called once a request's head is in,
// again for each piece of a body, and once more at its end, when it may be
// answered (an answer before then would cost the connection).
// MHD_NO closes the connection unanswered.
MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* url,
                     const char* method, const char* /*version*/,
                     const char* /*upload_data*/, size_t* upload_data_size,
                     void** request_state) {
  const Serving& serving = *static_cast<const Serving*>(cls);
  if (*request_state == nullptr) {
    *request_state = &kHeadSeen;
    return serving.verify_clients && !ClientCertified(connection) ? MHD_NO
                                                                  : MHD_YES;
  }
  if (*upload_data_size != 0) {
    *upload_data_size = 0;  // a body nobody asked for, dropped
    return MHD_YES;
  }
  HttpEndpoint::Request request{
      .method = method, .path = url, .peer = PeerName(connection)};
  MHD_get_connection_values(connection, MHD_HEADER_KIND, &AddHeader, &request);
  return Queue(connection, serving.handler(request));
}

void RememberError(void* cls, const char* format, va_list arguments) {
  char line[512];
  std::vsnprintf(line, sizeof(line), format, arguments);
  Serving& serving = *static_cast<Serving*>(cls);
  absl::MutexLock lock(&serving.mu);
  serving.last_error = std::string(absl::StripTrailingAsciiWhitespace(line));
}

MHD_OptionItem Option(MHD_OPTION option, intptr_t value,
                      const void* pointer = nullptr) {
  return {option, value, const_cast<void*>(pointer)};
}

}  // namespace

absl::string_view HttpEndpoint::Request::Header(
    absl::string_view lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name) return value;
  }
  return "";
}

HttpEndpoint::HttpEndpoint() : serving_(std::make_unique<Serving>()) {}

HttpEndpoint::~HttpEndpoint() {
  if (daemon_ != nullptr) MHD_stop_daemon(daemon_);
}

absl::StatusOr<std::unique_ptr<HttpEndpoint>> HttpEndpoint::Start(
    const Options& options, Handler handler) {
  const absl::StatusOr<sockaddr_in> bind_to = ParseIpv4(options.address);
  if (!bind_to.ok()) return bind_to.status();
  std::unique_ptr<HttpEndpoint> endpoint(new HttpEndpoint());
  Serving& serving = *endpoint->serving_;
  serving.handler = std::move(handler);
  const int64_t timeout_seconds = std::max<int64_t>(
      1, absl::ToInt64Seconds(absl::Ceil(options.timeout, absl::Seconds(1))));
  std::vector<MHD_OptionItem> settings = {
      Option(MHD_OPTION_EXTERNAL_LOGGER,
             reinterpret_cast<intptr_t>(&RememberError), &serving),
      Option(MHD_OPTION_SOCK_ADDR, 0, &*bind_to),
      Option(MHD_OPTION_THREAD_POOL_SIZE, std::max(1, options.threads)),
      Option(MHD_OPTION_CONNECTION_LIMIT, kMaxConnections),
      Option(MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds),
      Option(MHD_OPTION_CONNECTION_MEMORY_LIMIT, kMemoryPerConnection),
  };
  unsigned int flags =
      MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
  if (options.tls.has_value()) {
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
      return absl::FailedPreconditionError(
          "cannot serve metrics over TLS: this libmicrohttpd was built "
          "without HTTPS; install Debian's, which has it");
    }
    absl::StatusOr<TlsPem> pem = LoadTlsPem(*options.tls);
    if (!pem.ok()) return pem.status();
    serving.pem = *std::move(pem);
    flags |= MHD_USE_TLS;
    settings.push_back(
        Option(MHD_OPTION_HTTPS_MEM_CERT, 0, serving.pem.cert.c_str()));
    settings.push_back(
        Option(MHD_OPTION_HTTPS_MEM_KEY, 0, serving.pem.key.c_str()));
    settings.push_back(Option(MHD_OPTION_HTTPS_PRIORITIES, 0, kTlsPriorities));
    if (!serving.pem.client_ca.empty()) {
      serving.verify_clients = true;
      settings.push_back(
          Option(MHD_OPTION_HTTPS_MEM_TRUST, 0, serving.pem.client_ca.c_str()));
    }
  }
  settings.push_back(Option(MHD_OPTION_END, 0));
  endpoint->daemon_ =
      MHD_start_daemon(flags, 0, nullptr, nullptr, &OnRequest, &serving,
                       MHD_OPTION_ARRAY, settings.data(), MHD_OPTION_END);
  if (endpoint->daemon_ == nullptr) {
    absl::MutexLock lock(&serving.mu);
    return absl::UnavailableError(absl::StrFormat(
        "cannot serve metrics on %s (is the address in use, or not an "
        "address of this machine?): %s",
        options.address,
        serving.last_error.empty() ? "libmicrohttpd would not start"
                                   : serving.last_error));
  }
  const MHD_DaemonInfo* bound =
      MHD_get_daemon_info(endpoint->daemon_, MHD_DAEMON_INFO_BIND_PORT);
  endpoint->address_ =
      absl::StrCat(options.address.substr(0, options.address.rfind(':')), ":",
                   bound == nullptr ? 0 : bound->port);
  return endpoint;
}

}  // namespace teamload::metrics
