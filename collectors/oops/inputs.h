// What teamload-oops reads, found in the files and folders it is given:
// write-ups (*.md, *.markdown), days of a Slack export (YYYY-MM-DD.json,
// the channel being the folder they sit in) and the export's channel lists
// (channels.json, groups.json). Other files inside folders (users.json,
// attachments, a README.md, ...) are passed over; another file named on
// its own is an error.
//
// Reads the file system (names only). Thread-safe: free functions.
#ifndef TEAMLOAD_COLLECTORS_OOPS_INPUTS_H_
#define TEAMLOAD_COLLECTORS_OOPS_INPUTS_H_

#include <string>
#include <vector>

#include "collectors/common/record_error.h"

namespace teamload::collectors::oops {

struct InputFile {
  enum class Kind { kWriteUp, kSlackDay, kSlackChannels };
  Kind kind;
  std::string path;
  // A write-up's key: its path relative to the folder named (with "/"), or
  // its file name when named on its own. A day's channel: its folder's name.
  std::string key_or_channel;
};

// Every input file, sorted by path within each folder named; `errors` gets
// the files named on their own that are none of the kinds above, and names
// that do not exist.
std::vector<InputFile> ListInputs(const std::vector<std::string>& inputs,
                                  std::vector<RecordError>& errors);

}  // namespace teamload::collectors::oops

#endif  // TEAMLOAD_COLLECTORS_OOPS_INPUTS_H_
