// Table: columns aligned with two spaces between them, for terminals. Every
// cell is shown with its control characters escaped (text::ShowControls), so
// a team name or headline cannot drive the terminal or break the columns.
// A value type; not thread-safe.
#ifndef TEAMLOAD_CLI_TABLE_H_
#define TEAMLOAD_CLI_TABLE_H_

#include <string>
#include <vector>

namespace teamload::cli {

class Table {
 public:
  explicit Table(const std::vector<std::string>& header) { AddRow(header); }
  void AddRow(const std::vector<std::string>& row);
  // Every row padded to its column's width; trailing spaces trimmed.
  std::string Render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace teamload::cli

#endif  // TEAMLOAD_CLI_TABLE_H_
