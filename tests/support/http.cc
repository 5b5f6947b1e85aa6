#include "tests/support/http.h"

#include <curl/curl.h>
#include <strings.h>

namespace teamload::testing {
namespace {

size_t Append(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t KeepChallenge(char* data, size_t size, size_t count, void* out) {
  const std::string line(data, size * count);
  constexpr char kName[] = "www-authenticate:";
  if (strncasecmp(line.c_str(), kName, sizeof(kName) - 1) == 0) {
    std::string value = line.substr(sizeof(kName) - 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    *static_cast<std::string*>(out) = value;
  }
  return size * count;
}

}  // namespace

HttpResponse HttpGet(const std::string& url) {
  return HttpGet(HttpRequest{.url = url});
}

HttpResponse HttpGet(const HttpRequest& request) {
  HttpResponse response;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return response;
  curl_slist* headers = nullptr;
  for (const std::string& header : request.headers) {
    headers = curl_slist_append(headers, header.c_str());
  }
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &KeepChallenge);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.www_authenticate);
  if (!request.basic_auth.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERPWD, request.basic_auth.c_str());
  }
  if (!request.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, request.ca_file.c_str());
  }
  if (!request.client_cert.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLCERT, request.client_cert.c_str());
    curl_easy_setopt(curl, CURLOPT_SSLKEY, request.client_key.c_str());
  }
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    char* type = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    if (type != nullptr) response.content_type = type;
  } else {
    response.error = error;
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return response;
}

}  // namespace teamload::testing
