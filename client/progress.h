// Progress: a one-line progress bar on stderr, drawn only when stderr is a
// terminal (so logs and pipes stay clean). Not thread-safe.
#ifndef TEAMLOAD_CLIENT_PROGRESS_H_
#define TEAMLOAD_CLIENT_PROGRESS_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace teamload::client {

class Progress {
 public:
  // `total` is in the caller's unit (bytes, files); `label` names the work
  // and `items` what Update's second number counts.
  Progress(std::string label, int64_t total, std::string items = "signals");
  ~Progress();  // clears the line

  void Update(int64_t done, int64_t items);

 private:
  const std::string label_;
  const std::string items_;
  const int64_t total_;
  const bool enabled_;
  absl::Time last_draw_ = absl::InfinitePast();
};

}  // namespace teamload::client

#endif  // TEAMLOAD_CLIENT_PROGRESS_H_
