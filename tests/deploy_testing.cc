#include "tests/deploy_testing.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace teamload::testing {

namespace fs = std::filesystem;

fs::path DeployDir() { return fs::path(TEAMLOAD_SOURCE_DIR) / "deploy"; }

std::string WithEtcIn(const std::string& config, const fs::path& dir,
                      const std::map<std::string, fs::path>& files) {
  static const std::regex kEtcPath(
      R"(/etc/teamload/([A-Za-z0-9_./-]*[A-Za-z0-9_-]))");
  for (auto it = std::sregex_iterator(config.begin(), config.end(), kEtcPath);
       it != std::sregex_iterator(); ++it) {
    const fs::path path = dir / (*it)[1].str();
    fs::create_directories(path.parent_path());
    const auto found = files.find(path.filename().string());
    if (found != files.end()) {
      fs::copy_file(found->second, path, fs::copy_options::overwrite_existing);
    } else {
      std::ofstream{path};
    }
  }
  return absl::StrReplaceAll(config, {{"/etc/teamload/", dir.string() + "/"}});
}

ProcessResult CheckConfig(const std::string& config) {
  TempDir dir;
  const fs::path path = dir.path() / "teamload.yaml";
  std::ofstream(path) << WithEtcIn(config, dir.path());
  return Run({TeamloaddPath(), "--check-config", path.string()});
}

std::string FindProgram(const std::string& name) {
  const char* path = std::getenv("PATH");
  for (absl::string_view folder : absl::StrSplit(path ? path : "", ':')) {
    const fs::path candidate = fs::path(std::string(folder)) / name;
    if (!folder.empty() && ::access(candidate.c_str(), X_OK) == 0)
      return candidate.string();
  }
  return "";
}

}  // namespace teamload::testing
