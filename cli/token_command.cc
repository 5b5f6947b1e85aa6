// `teamloadctl token new`: a fresh token and its config line.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "client/token.h"

namespace teamload::cli {

int RunTokenNew(const std::string& name, const std::string& role,
                const std::vector<std::string>& teams) {
  if (role == "metrics" && !teams.empty()) {
    absl::FPrintF(stderr,
                  "teamloadctl: token new: a metrics token reads /metrics "
                  "only, never team data: leave out --teams\n");
    return 2;
  }
  if (role != "metrics" && teams.empty()) {
    absl::FPrintF(stderr,
                  "teamloadctl: token new: --teams is required for a %s "
                  "token: names, prefixes (payments-*) or '*'\n",
                  role);
    return 2;
  }
  absl::StatusOr<std::string> token = client::NewToken();
  if (!token.ok()) {
    absl::FPrintF(stderr, "teamloadctl: token new: %s\n",
                  token.status().message());
    return 2;
  }
  const std::string digest = client::TokenDigest(*token);
  const std::string holder =
      name.empty() ? absl::StrCat(role, "-", digest.substr(0, 8)) : name;
  std::string line = absl::StrFormat("- {name: \"%s\", sha256: %s, role: %s",
                                     holder, digest, role);
  if (!teams.empty()) {
    absl::StrAppend(&line, ", teams: [\"", absl::StrJoin(teams, "\", \""),
                    "\"]");
  }
  absl::PrintF(
      "%s\n\n"
      "The token above is shown only this once: give it to its holder "
      "(clients read it from TEAMLOAD_TOKEN) and keep no copy.\n"
      "Add this line under auth.tokens in teamloadd's config (it holds only "
      "the digest), then restart teamloadd:\n"
      "    %s}\n",
      *token, line);
  return 0;
}

}  // namespace teamload::cli
