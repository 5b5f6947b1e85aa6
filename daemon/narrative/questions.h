// Questions: conversation starters for the team's manager, drawn from the
// narrative's findings and blind spots, at most one per detector and theme.
// Open questions, never verdicts: the team knows more than the signals.
#ifndef TEAMLOAD_DAEMON_NARRATIVE_QUESTIONS_H_
#define TEAMLOAD_DAEMON_NARRATIVE_QUESTIONS_H_

#include <string>
#include <vector>

#include "teamload/v1/narrative.pb.h"

namespace teamload::narrative {

// REQUIRES: the narrative's findings are already in their final order.
std::vector<std::string> Questions(const teamload::v1::Narrative& narrative);

}  // namespace teamload::narrative

#endif  // TEAMLOAD_DAEMON_NARRATIVE_QUESTIONS_H_
