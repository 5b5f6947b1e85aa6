// Reader: which of the deployment's themes (config::ThemeCatalog) a survey
// answer or a write-up raises. It trains one Classifier per source at start,
// from the corpus compiled into teamloadd plus the organisation's examples
// in the config, and reads each sentence once, when its signal arrives.
//
// Deterministic: the same catalog gives the same classifiers and the same
// readings. Thread-safe after Train: Read() only reads.
#ifndef TEAMLOAD_DAEMON_THEMES_READER_H_
#define TEAMLOAD_DAEMON_THEMES_READER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "daemon/config/config.h"
#include "daemon/themes/classifier.h"

namespace teamload::themes {

// Themes as bits: bit i is theme i of the catalog.
using ThemeSet = uint64_t;

inline bool Raises(ThemeSet set, int theme) { return (set >> theme) & 1; }

class Reader {
 public:
  // INVALID_ARGUMENT if a theme has no example at all or the corpus names a
  // label the catalog lacks; what Classifier::Train returns otherwise.
  // Models are kept in `cache_dir` (Classifier::Options::cache_dir).
  static absl::StatusOr<std::unique_ptr<Reader>> Train(
      std::shared_ptr<const config::ThemeCatalog> themes,
      const std::string& cache_dir = DefaultCacheDir());
  // The built-in themes (config::DefaultThemes()), trained on first use and
  // kept for the life of the process: for tests and tools.
  static const Reader& Builtin();

  // Where models are kept unless told otherwise: $CACHE_DIRECTORY (set by
  // systemd's CacheDirectory=), else $XDG_CACHE_HOME/teamload, else
  // $HOME/.cache/teamload; "" (no cache) without any of them.
  static std::string DefaultCacheDir();

  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The themes of `source` that `text` raises.
  ThemeSet Read(config::ThemeSource source, absl::string_view text) const;

  const config::ThemeCatalog& themes() const { return *themes_; }
  // The classifier of one source, for evaluation tools.
  const Classifier& classifier(config::ThemeSource source) const {
    return source == config::ThemeSource::kSurvey ? *survey_ : *writeups_;
  }

 private:
  Reader(std::shared_ptr<const config::ThemeCatalog> themes,
         std::unique_ptr<Classifier> survey,
         std::unique_ptr<Classifier> writeups);

  // Constant after construction.
  const std::shared_ptr<const config::ThemeCatalog> themes_;
  const std::unique_ptr<Classifier> survey_;
  const std::unique_ptr<Classifier> writeups_;
};

}  // namespace teamload::themes

#endif  // TEAMLOAD_DAEMON_THEMES_READER_H_
