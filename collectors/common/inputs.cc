#include "collectors/common/inputs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace teamload::collectors {

std::vector<std::string> ExpandInputs(
    const std::vector<std::string>& inputs,
    const std::vector<std::string>& extensions) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    if (!fs::is_directory(input)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& entry : fs::recursive_directory_iterator(input)) {
      if (entry.is_regular_file() &&
          std::find(extensions.begin(), extensions.end(),
                    entry.path().extension().string()) != extensions.end()) {
        inside.push_back(entry.path().string());
      }
    }
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

}  // namespace teamload::collectors
