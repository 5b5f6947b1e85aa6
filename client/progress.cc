#include "client/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace teamload::client {

Progress::Progress(std::string label, int64_t total, std::string items)
    : label_(std::move(label)),
      items_(std::move(items)),
      total_(total),
      enabled_(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (enabled_) std::fprintf(stderr, "\r\033[K");
}

void Progress::Update(int64_t done, int64_t items) {
  if (!enabled_) return;
  const absl::Time now = absl::Now();
  if (now - last_draw_ < absl::Milliseconds(100)) return;
  last_draw_ = now;
  constexpr int kWidth = 30;
  const double fraction =
      total_ > 0 ? std::clamp(static_cast<double>(done) / total_, 0.0, 1.0)
                 : 0.0;
  const int filled = static_cast<int>(fraction * kWidth);
  std::fprintf(stderr, "\r%s [%s%s] %3d%% %lld %s", label_.c_str(),
               std::string(filled, '#').c_str(),
               std::string(kWidth - filled, ' ').c_str(),
               static_cast<int>(fraction * 100), static_cast<long long>(items),
               items_.c_str());
  std::fflush(stderr);
}

}  // namespace teamload::client
