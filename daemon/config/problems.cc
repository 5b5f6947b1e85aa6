#include "daemon/config/problems.h"

#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace teamload::config {

void Problems::Add(const YAML::Node& at, absl::string_view field,
                   absl::string_view what) {
  const YAML::Mark mark = at.Mark();
  if (mark.is_null()) {
    lines_.push_back(absl::StrFormat("%s: %s: %s", file_, field, what));
  } else {
    lines_.push_back(absl::StrFormat("%s:%d:%d: %s: %s", file_, mark.line + 1,
                                     mark.column + 1, field, what));
  }
}

std::string Problems::Joined() const { return absl::StrJoin(lines_, "\n"); }

void CheckKeys(const YAML::Node& map, absl::string_view where,
               const std::vector<absl::string_view>& allowed,
               Problems& problems) {
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>();
    bool known = false;
    for (absl::string_view a : allowed) known = known || a == key;
    if (!known) {
      problems.Add(entry.first, absl::StrCat(where, key),
                   absl::StrFormat("unknown key (expected one of: %s)",
                                   absl::StrJoin(allowed, ", ")));
    }
  }
}

bool ReadString(const YAML::Node& node, absl::string_view field,
                std::string& out, Problems& problems) {
  if (!node.IsScalar()) {
    problems.Add(node, field, "must be a string");
    return false;
  }
  out = node.Scalar();
  return true;
}

bool ReadStringList(const YAML::Node& node, absl::string_view field,
                    absl::string_view what, std::vector<std::string>& out,
                    Problems& problems) {
  if (!node.IsSequence()) {
    problems.Add(node, field, absl::StrCat("must be a list of ", what));
    return false;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    std::string item;
    if (ReadString(node[i], absl::StrFormat("%s[%d]", field, i), item,
                   problems)) {
      out.push_back(std::move(item));
    }
  }
  return true;
}

std::string ResolveAgainst(absl::string_view file_name,
                           absl::string_view path) {
  std::filesystem::path resolved{std::string(path)};
  if (resolved.is_relative()) {
    resolved = std::filesystem::absolute(
        std::filesystem::path(std::string(file_name)).parent_path() / resolved);
  }
  return resolved.lexically_normal().string();
}

bool ReadPath(const YAML::Node& node, absl::string_view field,
              absl::string_view file_name, std::string& out,
              Problems& problems) {
  std::string path;
  if (!ReadString(node, field, path, problems)) return false;
  if (path.empty()) {
    problems.Add(node, field, "must not be empty");
    return false;
  }
  out = ResolveAgainst(file_name, path);
  return true;
}

bool IsEnvName(absl::string_view name) {
  if (name.empty() || absl::ascii_isdigit(static_cast<unsigned char>(name[0])))
    return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_')
      return false;
  }
  return true;
}

}  // namespace teamload::config
