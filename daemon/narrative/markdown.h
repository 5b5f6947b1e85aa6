// Markdown: the narrative rendered for people (the daemon's API, teamloadctl
// and the reports all show this text). Every string that came from outside
// (the team's name, titles and ids inside the prose, quotes, evidence ids,
// source names) goes through text::MarkdownText or text::MarkdownCode, so it
// renders as the text it was and its control characters are shown escaped.
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
