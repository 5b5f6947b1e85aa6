// Problems: what is wrong with a config file, each problem tied to its place
// ("FILE:LINE:COLUMN: FIELD: what is wrong"), and readers of YAML fields that
// report into it instead of throwing. Internal to teamload::config.
//
// Not thread-safe: one Problems serves one parse.
#ifndef TEAMLOAD_DAEMON_CONFIG_PROBLEMS_H_
#define TEAMLOAD_DAEMON_CONFIG_PROBLEMS_H_

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "yaml-cpp/yaml.h"

namespace teamload::config {

class Problems {
 public:
  explicit Problems(absl::string_view file) : file_(file) {}

  void Add(const YAML::Node& at, absl::string_view field,
           absl::string_view what);
  bool empty() const { return lines_.empty(); }
  std::string Joined() const;

 private:
  std::string file_;
  std::vector<std::string> lines_;
};

// Reports every key of `map` that is not in `allowed`, as `where` + key.
void CheckKeys(const YAML::Node& map, absl::string_view where,
               const std::vector<absl::string_view>& allowed,
               Problems& problems);

// Reads a scalar into `out`; false (and a problem) when `node` is not one.
bool ReadString(const YAML::Node& node, absl::string_view field,
                std::string& out, Problems& problems);

// Reads a list of scalars; false (and a problem) when `node` is not a list.
// A non-scalar item is reported and left out.
bool ReadStringList(const YAML::Node& node, absl::string_view field,
                    absl::string_view what, std::vector<std::string>& out,
                    Problems& problems);

// `path` made absolute against the folder of the config file `file_name`,
// so the daemon finds its files wherever it is started from.
std::string ResolveAgainst(absl::string_view file_name, absl::string_view path);

// Reads a scalar path, resolved as above; false (and a problem) when `node`
// is not a scalar or is empty.
bool ReadPath(const YAML::Node& node, absl::string_view field,
              absl::string_view file_name, std::string& out,
              Problems& problems);

// Whether `name` can name an environment variable: letters, digits and '_',
// not starting with a digit.
bool IsEnvName(absl::string_view name);

template <typename Int>
void ReadInt(const YAML::Node& node, absl::string_view field, Int min, Int max,
             Int& out, Problems& problems) {
  Int value;
  if (!node.IsScalar() || !YAML::convert<Int>::decode(node, value)) {
    problems.Add(node, field, "must be a whole number");
    return;
  }
  if (value < min || value > max) {
    problems.Add(node, field,
                 absl::StrFormat("%d is out of range %d..%d", value, min, max));
    return;
  }
  out = value;
}

}  // namespace teamload::config

#endif  // TEAMLOAD_DAEMON_CONFIG_PROBLEMS_H_
