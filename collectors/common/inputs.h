// A collector's inputs: the files named on its command line, and the files
// inside named folders. Pure functions of the filesystem.
#ifndef TEAMLOAD_COLLECTORS_COMMON_INPUTS_H_
#define TEAMLOAD_COLLECTORS_COMMON_INPUTS_H_

#include <string>
#include <vector>

namespace teamload::collectors {

// The files named, and the files with any of `extensions` (".json", ".csv")
// inside named folders, sorted folder by folder.
std::vector<std::string> ExpandInputs(
    const std::vector<std::string>& inputs,
    const std::vector<std::string>& extensions);

// The whole text of a file; false when it cannot be read.
bool ReadFile(const std::string& path, std::string& text);

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_INPUTS_H_
