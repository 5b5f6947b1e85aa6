#include "cli/table.h"

#include <algorithm>

#include "text/controls.h"

namespace teamload::cli {

void Table::AddRow(const std::vector<std::string>& row) {
  std::vector<std::string>& shown = rows_.emplace_back();
  shown.reserve(row.size());
  for (const std::string& cell : row) shown.push_back(text::ShowControls(cell));
}

std::string Table::Render() const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size())
        line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
  }
  return out;
}

}  // namespace teamload::cli
