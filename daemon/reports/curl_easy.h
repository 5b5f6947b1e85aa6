// What smtp.cc and webhook.cc share around libcurl's easy interface: the
// one global init, handles that clean themselves up, and the settings every
// delivery uses (no signals: each runs on a daemon thread; a whole-transfer
// timeout, and at most 10 s of it to connect).
//
// Thread-safe: each call makes its own handle.
#ifndef TEAMLOAD_DAEMON_REPORTS_CURL_EASY_H_
#define TEAMLOAD_DAEMON_REPORTS_CURL_EASY_H_

#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace teamload::reports {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, SlistDeleter>;

// curl_global_init, once per process.
void InitCurlOnce();

// A new easy handle with NOSIGNAL and `timeout` set.
absl::StatusOr<CurlHandle> NewCurl(absl::Duration timeout);

// A curl_slist of `items`, in order.
absl::StatusOr<CurlList> NewCurlList(const std::vector<std::string>& items);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_CURL_EASY_H_
