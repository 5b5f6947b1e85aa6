#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/rpc.h"
#include "teamload/v1/report.grpc.pb.h"
#include "text/controls.h"

namespace teamload::cli {
namespace {

// Writes `contents` to `path`; false, with the reason on stderr, on failure.
bool WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  out.close();
  if (!out) {
    absl::FPrintF(stderr, "teamloadctl: cannot write %s\n",
                  text::ShowControls(path.string()));
    return false;
  }
  return true;
}

// `part` (the report's name or date, as the daemon sent it) as part of a file
// name in --out: letters, digits, "-" and "_" kept, and "." between two of
// them; anything else (a "/", a control character, a space, a leading,
// trailing or doubled ".") becomes "_"; at most 100 characters. So no path can
// leave --out, nothing is hidden, nothing reaches the terminal raw, and the
// name fits any file system, whatever the daemon sends.
std::string FileNamePart(absl::string_view part) {
  part = part.substr(0, 100);
  const auto plain = [&](size_t i) {
    const char c = part[i];
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
           c == '_';
  };
  std::string safe;
  for (size_t i = 0; i < part.size(); ++i) {
    const bool dot_between = part[i] == '.' && i > 0 && i + 1 < part.size() &&
                             plain(i - 1) && plain(i + 1);
    safe += plain(i) || dot_between ? part[i] : '_';
  }
  return safe.empty() ? "_" : safe;
}

}  // namespace

int RunReport(const Daemon& daemon, const std::string& name,
              const std::string& as_of, const std::string& out_dir) {
  teamload::v1::RenderReportRequest request;
  request.set_name(name);
  if (!SetAsOf(as_of, request)) return 2;
  grpc::ClientContext context;
  SetDeadline(context);
  teamload::v1::RenderedReport report;
  grpc::Status status = teamload::v1::ReportService::NewStub(daemon.channel)
                            ->RenderReport(&context, request, &report);
  if (!status.ok()) return Failed(daemon.address, status);
  if (out_dir.empty()) {
    absl::PrintF("%s",
                 text::ShowControls(report.markdown(), text::Newlines::kKeep));
    return 0;
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    absl::FPrintF(stderr, "teamloadctl: cannot create %s: %s\n",
                  text::ShowControls(out_dir), ec.message());
    return 1;
  }
  const std::string stem = absl::StrCat(FileNamePart(report.name()), "-",
                                        FileNamePart(report.date()));
  const std::filesystem::path dir(out_dir);
  for (const auto& [extension, contents] :
       {std::pair{".md", &report.markdown()},
        std::pair{".html", &report.html()}}) {
    const std::filesystem::path path = dir / absl::StrCat(stem, extension);
    if (!WriteFile(path, *contents)) return 1;
    absl::PrintF("%s\n", text::ShowControls(path.string()));
  }
  return 0;
}

}  // namespace teamload::cli
