// Markdown: the narrative rendered for people (the daemon's API, teamloadctl
// and the reports all show this text).
#ifndef TEAMLOAD_DAEMON_NARRATIVE_MARKDOWN_H_
#define TEAMLOAD_DAEMON_NARRATIVE_MARKDOWN_H_

#include <string>

#include "daemon/analysis/analyze.h"
#include "daemon/config/config.h"
#include "teamload/v1/narrative.pb.h"

namespace teamload::narrative {

// REQUIRES: everything but `markdown` is set in `narrative`.
std::string RenderMarkdown(const config::TeamConfig& team,
                           const teamload::v1::Narrative& narrative,
                           const analysis::LookedAt& looked_at);

}  // namespace teamload::narrative

#endif  // TEAMLOAD_DAEMON_NARRATIVE_MARKDOWN_H_
