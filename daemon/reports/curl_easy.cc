#include "daemon/reports/curl_easy.h"

#include <algorithm>
#include <mutex>

namespace teamload::reports {

void InitCurlOnce() {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

absl::StatusOr<CurlHandle> NewCurl(absl::Duration timeout) {
  InitCurlOnce();
  CurlHandle curl(curl_easy_init());
  if (curl == nullptr) return absl::InternalError("curl_easy_init failed");
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(timeout)));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(
                       std::min(timeout, absl::Seconds(10)))));
  return curl;
}

absl::StatusOr<CurlList> NewCurlList(const std::vector<std::string>& items) {
  CurlList list;
  for (const std::string& item : items) {
    // On success the list's head stays the same (or is new, for the first
    // item); on failure the list is untouched and still ours to free.
    curl_slist* grown = curl_slist_append(list.get(), item.c_str());
    if (grown == nullptr) return absl::ResourceExhaustedError("no memory");
    list.release();
    list.reset(grown);
  }
  return list;
}

}  // namespace teamload::reports
