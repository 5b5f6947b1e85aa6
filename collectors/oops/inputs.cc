#include "collectors/oops/inputs.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "absl/strings/ascii.h"

namespace teamload::collectors::oops {
namespace {

namespace fs = std::filesystem;

// What `file` is by its name; nullopt for none of ours. `key` is the
// write-up's key when it is one.
std::optional<InputFile> Classify(const fs::path& file,
                                  const std::string& key) {
  const std::string name = file.filename().string();
  const std::string extension = file.extension().string();
  if (absl::AsciiStrToLower(name) == "readme.md") return std::nullopt;
  if (extension == ".md" || extension == ".markdown")
    return InputFile{InputFile::Kind::kWriteUp, file.string(), key};
  if (name == "channels.json" || name == "groups.json")
    return InputFile{InputFile::Kind::kSlackChannels, file.string(), ""};
  // YYYY-MM-DD.json
  const bool day =
      name.size() == 15 && extension == ".json" && name[4] == '-' &&
      name[7] == '-' &&
      std::all_of(name.begin(), name.begin() + 10, [](char c) {
        return c == '-' || absl::ascii_isdigit(static_cast<unsigned char>(c));
      });
  if (day) {
    return InputFile{InputFile::Kind::kSlackDay, file.string(),
                     fs::absolute(file).parent_path().filename().string()};
  }
  return std::nullopt;
}

}  // namespace

std::vector<InputFile> ListInputs(const std::vector<std::string>& inputs,
                                  std::vector<RecordError>& errors) {
  std::vector<InputFile> files;
  for (const std::string& input : inputs) {
    std::error_code error;
    if (!fs::is_directory(input, error)) {
      if (!fs::exists(input, error)) {
        errors.push_back({input, "no such file or folder"});
      } else if (auto file =
                     Classify(input, fs::path(input).filename().string())) {
        files.push_back(*file);
      } else {
        errors.push_back({input,
                          "neither a write-up (.md) nor a Slack export file "
                          "(YYYY-MM-DD.json, channels.json)"});
      }
      continue;
    }
    std::vector<InputFile> inside;
    for (const auto& entry : fs::recursive_directory_iterator(input, error)) {
      if (!entry.is_regular_file()) continue;
      const std::string key =
          entry.path().lexically_relative(input).generic_string();
      if (auto file = Classify(entry.path(), key)) inside.push_back(*file);
    }
    std::sort(inside.begin(), inside.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

}  // namespace teamload::collectors::oops
