// Table: columns aligned with two spaces between them, for terminals.
#ifndef TEAMLOAD_CLI_TABLE_H_
#define TEAMLOAD_CLI_TABLE_H_

#include <string>
#include <vector>

namespace teamload::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> header) {
    rows_.push_back(std::move(header));
  }
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // Every row padded to its column's width; trailing spaces trimmed.
  std::string Render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace teamload::cli

#endif  // TEAMLOAD_CLI_TABLE_H_
