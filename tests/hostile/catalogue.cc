#include "tests/hostile/catalogue.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/util/json_util.h"

namespace teamload::hostile {
namespace {

using grpc::StatusCode;
using Make = std::function<Call(const Context&)>;
using EditSignal = std::function<void(v1::Signal&)>;
using EditCoverage = std::function<void(v1::Coverage&)>;

constexpr int64_t kMaxSeconds = 253'402'300'799;  // 9999-12-31T23:59:59Z
constexpr int64_t kDay = 24 * 60 * 60;
constexpr char kScript[] = "<script>alert(1)</script>";
constexpr char kImg[] = "<img src=x onerror=alert(1)>";
// A line that would pass for one of teamloadd's own log entries.
constexpr char kForgedLogLine[] =
    "\n2026-11-30T00:00:00.000Z ERROR forged: the store is lost";

google::protobuf::Timestamp At(int64_t seconds, int32_t nanos = 0) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  t.set_nanos(nanos);
  return t;
}

google::protobuf::Timestamp DaysAgo(const Context& c, int days) {
  return At(absl::ToUnixSeconds(c.now) - days * kDay);
}

// An oops nobody wrote up, 20 days old: the narrative quotes its title (or
// its id, without one) as the oldest unwritten oops.
v1::Signal UnwrittenOops(const Context& c) {
  v1::Signal s;
  s.set_id(absl::StrCat(c.id, ":oops"));
  s.set_team(c.team);
  s.set_source("oops");
  *s.mutable_occurred_at() = DaysAgo(c, 20);
  s.mutable_oops()->set_title("db down");
  return s;
}

v1::Coverage Heartbeat(const Context& c) {
  v1::Coverage coverage;
  coverage.set_team(c.team);
  coverage.set_source("pagerduty");
  *coverage.mutable_covered_through() = DaysAgo(c, 1);
  return coverage;
}

// The bytes of `request`; quiet about invalid UTF-8, which cases send on
// purpose.
std::string Serialized(const google::protobuf::Message& message) {
  google::protobuf::LogSilencer quiet;
  return message.SerializeAsString();
}

// Protobuf wire format by hand, for what the generated code cannot write.
std::string Varint(uint64_t value) {
  std::string out;
  do {
    out += static_cast<char>((value & 0x7f) | (value > 0x7f ? 0x80 : 0));
    value >>= 7;
  } while (value != 0);
  return out;
}
std::string LengthDelimited(int field, const std::string& bytes) {
  return absl::StrCat(Varint(static_cast<uint64_t>(field) << 3 | 2),
                      Varint(bytes.size()), bytes);
}
// Unknown groups (field 99) nested `depth` deep.
std::string NestedGroups(int depth) {
  std::string bytes;
  for (int i = 0; i < depth; ++i) bytes += "\x9b\x06";  // start group 99
  for (int i = 0; i < depth; ++i) bytes += "\x9c\x06";  // end group 99
  return bytes;
}

// --- What cases send --------------------------------------------------------

// A call of `CallType`, its request filled by `fill`.
template <typename CallType>
Make Read(
    std::function<void(decltype(CallType::request)&, const Context&)> fill) {
  return [fill](const Context& c) -> Call {
    CallType call;
    fill(call.request, c);
    return call;
  };
}

// An ingest call: `fill` adds what the case sends.
using FillRequest = std::function<void(v1::IngestRequest&, const Context&)>;
Make Request(FillRequest fill) { return Read<IngestCall>(fill); }

// The case's unwritten oops, edited (with the case's context, if asked).
Make Signal(std::function<void(v1::Signal&, const Context&)> edit) {
  return Request([edit](v1::IngestRequest& request, const Context& c) {
    v1::Signal* s = request.add_signals();
    *s = UnwrittenOops(c);
    edit(*s, c);
  });
}
Make Signal(EditSignal edit) {
  return Signal([edit](v1::Signal& s, const Context&) { edit(s); });
}

Make SignalTeam(std::string team) {
  return Signal([team](v1::Signal& s) { s.set_team(team); });
}

Make Title(std::string title) {
  return Signal([title](v1::Signal& s) { s.mutable_oops()->set_title(title); });
}

// An untitled oops with `suffix` after the case's id: the id is shown in the
// finding's text and as its evidence, in a code span.
Make Id(std::string suffix) {
  return Signal([suffix](v1::Signal& s, const Context& c) {
    s.set_id(absl::StrCat(c.id, suffix));
    s.mutable_oops()->clear_title();
  });
}

// One signal edited as `edit` says, sent as bytes (for text that is not
// UTF-8, which the generated code would not send).
Make SignalBytes(EditSignal edit, std::string extra_signal_bytes = "") {
  return [edit, extra_signal_bytes](const Context& c) -> Call {
    v1::Signal s = UnwrittenOops(c);
    edit(s);
    return IngestBytesCall{
        LengthDelimited(1, Serialized(s) + extra_signal_bytes)};
  };
}

// Five people answering one survey, each raising on-call fatigue with
// `hostile` in their answer: quoted, since five may be.
Make SurveyAnswers(std::string hostile, std::string survey = "2026-q4") {
  return Request(
      [hostile, survey](v1::IngestRequest& request, const Context& c) {
        for (int i = 0; i < 5; ++i) {
          v1::Signal* s = request.add_signals();
          s->set_id(absl::StrCat(c.id, ":survey:", i));
          s->set_team(c.team);
          s->set_source("survey");
          *s->mutable_occurred_at() = DaysAgo(c, 3);
          v1::SurveyNote* note = s->mutable_survey_note();
          note->set_survey(survey);
          note->set_respondent(absl::StrCat("r", i));
          note->set_question("How is your workload?");
          note->set_text(
              absl::StrCat("Paged at night again, I am exhausted: ", hostile));
          note->set_score(2);
        }
      });
}

// An item deferred three times: the narrative names it and its title.
Make Deferral(std::string item, std::string title) {
  return Signal([item, title](v1::Signal& s) {
    s.set_source("jira");
    v1::Deferral* d = s.mutable_deferral();
    d->set_item(item);
    d->set_title(title);
    d->set_times_deferred(3);
  });
}

// A migration 10 days past its planned end: the narrative names its title.
Make Migration(std::string title) {
  return Signal([title](v1::Signal& s, const Context& c) {
    s.set_source("migrations");
    *s.mutable_occurred_at() = DaysAgo(c, 60);
    v1::Migration* m = s.mutable_migration();
    m->set_name("m-1");
    m->set_title(title);
    *m->mutable_planned_end() = DaysAgo(c, 10);
  });
}

// The most an annotation may hold: 500 bytes, 250 characters ("é").
std::string LongNote() {
  std::string text;
  for (int i = 0; i < 250; ++i) text += "\xc3\xa9";
  return text;
}

// What a lead noted about the case's team 3 days ago: the narrative lists it
// under Context, the report's charts flag its week and quote it beneath.
Make Annotation(std::string text, std::string author = "Ana") {
  return Signal([text, author](v1::Signal& s, const Context& c) {
    s.set_source("annotation");
    *s.mutable_occurred_at() = DaysAgo(c, 3);
    v1::Annotation* note = s.mutable_annotation();
    note->set_text(text);
    note->set_author(author);
    note->set_recorded_by("local");
  });
}

Make Coverage(EditCoverage edit) {
  return Request([edit](v1::IngestRequest& request, const Context& c) {
    v1::Coverage* coverage = request.add_coverage();
    *coverage = Heartbeat(c);
    edit(*coverage);
  });
}

Make CoverageSource(std::string source) {
  return Coverage([source](v1::Coverage& h) { h.set_source(source); });
}

Make Bytes(std::string bytes) {
  return [bytes](const Context&) -> Call { return IngestBytesCall{bytes}; };
}

// `signals` copies of the case's oops, and `coverage` heartbeats.
Make Many(int signals, int coverage) {
  return Request(
      [signals, coverage](v1::IngestRequest& request, const Context& c) {
        for (int i = 0; i < signals; ++i) {
          v1::Signal* s = request.add_signals();
          *s = UnwrittenOops(c);
          s->set_id(absl::StrCat(c.id, ":", i));
        }
        for (int i = 0; i < coverage; ++i) {
          v1::Coverage* h = request.add_coverage();
          *h = Heartbeat(c);
          h->set_source(absl::StrCat("source-", i));
        }
      });
}

Make Narrative(std::string team) {
  return Read<NarrativeCall>(
      [team](v1::GetNarrativeRequest& r, const Context&) { r.set_team(team); });
}

// The case's team's narrative as of `as_of`, or `days` from now (negative:
// ago).
Make NarrativeAsOf(google::protobuf::Timestamp as_of, int days = 0) {
  return Read<NarrativeCall>(
      [as_of, days](v1::GetNarrativeRequest& r, const Context& c) {
        r.set_team(c.team);
        *r.mutable_as_of() =
            days == 0 ? as_of : At(absl::ToUnixSeconds(c.now) + days * kDay);
      });
}

Make Team(std::string name) {
  return Read<TeamCall>(
      [name](v1::GetTeamRequest& r, const Context&) { r.set_name(name); });
}

Make Report(std::string name) {
  return Read<ReportCall>(
      [name](v1::RenderReportRequest& r, const Context&) { r.set_name(name); });
}

// `args` for teamloadctl; "{team}" stands for the case's team.
Make Ctl(std::vector<std::string> args, std::string input = "") {
  return [args, input](const Context& c) -> Call {
    CtlCall call{args, input};
    for (std::string& arg : call.args) {
      if (arg == "{team}") arg = c.team;
    }
    return call;
  };
}

// `teamloadctl ingest` of one JSON line: the case's oops or heartbeat
// (`make`), edited.
template <typename Message>
Make CtlIngest(Message (*make)(const Context&),
               std::function<void(Message&)> edit) {
  return [make, edit](const Context& c) -> Call {
    Message message = make(c);
    edit(message);
    std::string line;
    (void)google::protobuf::util::MessageToJsonString(message, &line);
    return CtlCall{{"ingest", "-"}, line + "\n"};
  };
}

Make CheckConfig(std::string teams_yaml) {
  return [teams_yaml](const Context&) -> Call {
    return CheckConfigCall{teams_yaml};
  };
}

Make DaemonLog() {
  return [](const Context&) -> Call { return DaemonLogCall{}; };
}

const std::string k16KiB(16 * 1024, 'x');

// Why a case of links is off.
constexpr char kAutolinkBackslashes[] =
    "daemon/reports (HTML report) and text/markdown_escape with GitHub's "
    "extended autolinks: a bare URL followed by escaped punctuation is linked "
    "with the escapes inside, so <http://evil.example/y> reads "
    "<http://evil.example/y\\> (inert, but not the text it was)";

}  // namespace

Expect Inert(std::string shows) {
  return {.kind = Expect::Kind::kInert, .shows = std::move(shows)};
}
Expect InertInChart(std::string shows) {
  return {.kind = Expect::Kind::kInert,
          .shows = std::move(shows),
          .in_chart = true};
}
Expect Rejected(std::string says) {
  return {.kind = Expect::Kind::kRejected, .says = std::move(says)};
}
Expect Refused(grpc::StatusCode code, std::string says) {
  return {
      .kind = Expect::Kind::kRefused, .says = std::move(says), .code = code};
}
Expect Command(int exit_code, std::string says) {
  return {.kind = Expect::Kind::kCommand,
          .says = std::move(says),
          .exit_code = exit_code};
}

const std::vector<Case>& Catalogue() {
  static const auto* const kCatalogue = new std::vector<Case>{
      // --- Signal fields ----------------------------------------------------
      {"signal", "id with backticks", Id(":a`b``c"), Inert(":a`b``c")},
      {"signal", "id breaking out of its code span",
       Id("` <img src=x onerror=alert(1)> `"), Inert(kImg)},
      {"signal", "id with NUL", Id(std::string(":nul\0byte", 9)),
       Inert(std::string(":nul\0byte", 9))},
      {"signal", "id with a heading on a new line", Id(":x\n# forged heading"),
       Inert("# forged heading")},
      {"signal", "id with bidi override", Id(":\u202egnp.exe"),
       Inert("\u202egnp.exe")},
      {"signal", "id with clear screen", Id(":\x1b[2J"), Inert("\x1b[2J")},
      {"signal", "id of 256 bytes", Id(":" + std::string(251, 'i')), Inert()},
      {"signal", "id of 257 bytes", Id(":" + std::string(252, 'i')),
       Rejected("id: is 257 bytes, over the limit of 256")},
      {"signal", "empty id", Signal([](v1::Signal& s) { s.clear_id(); }),
       Rejected("id: must not be empty")},
      {"signal", "id not UTF-8",
       SignalBytes([](v1::Signal& s) { s.set_id("pd:\xff\xfe"); }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "teamload.v1.Signal.id is not valid UTF-8")},
      {"signal", "empty source", Signal([](v1::Signal& s) { s.clear_source(); }),
       Rejected("source: must not be empty")},
      {"signal", "source over 16 KiB",
       Signal([](v1::Signal& s) { s.set_source(k16KiB + "s"); }),
       Rejected("source: is 16385 bytes, over the limit of 16384")},
      {"signal", "source not UTF-8",
       SignalBytes([](v1::Signal& s) { s.set_source("oops\xc3"); }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "teamload.v1.Signal.source is not valid UTF-8")},
      {"signal", "title of 16 KiB", Title(k16KiB), Inert(k16KiB)},
      {"signal", "title over 16 KiB", Title(k16KiB + "t"),
       Rejected("oops.title: is 16385 bytes, over the limit of 16384")},
      {"signal", "title of 1 MiB", Title(std::string(1 << 20, 't')),
       Rejected("oops.title: is 1048576 bytes, over the limit of 16384")},
      {"signal", "summary over 16 KiB",
       Signal([](v1::Signal& s) { s.mutable_oops()->set_summary(k16KiB + "s"); }),
       Rejected("oops.summary: is 16385 bytes")},
      {"signal", "page title over 16 KiB",
       Signal([](v1::Signal& s) {
         s.mutable_page()->set_title(k16KiB + "p");
       }),
       Rejected("page.title: is 16385 bytes")},
      {"signal", "survey text over 16 KiB",
       Signal([](v1::Signal& s) {
         s.mutable_survey_note()->set_text(k16KiB + "q");
       }),
       Rejected("survey_note.text: is 16385 bytes")},
      {"signal", "title with NUL", Title(std::string("db\0down", 7)),
       Inert(std::string("db\0down", 7))},
      {"signal", "title with bidi override", Title("ok \u202etxt.exe"),
       Inert("ok \u202etxt.exe")},
      {"signal", "title with bidi isolate", Title("a \u2067b\u2069 c"),
       Inert("a \u2067b\u2069 c")},
      {"signal", "title cut mid character",
       SignalBytes([](v1::Signal& s) { s.mutable_oops()->set_title("caf\xc3"); }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "teamload.v1.Oops.title is not valid UTF-8")},
      {"signal", "title with overlong UTF-8",
       SignalBytes([](v1::Signal& s) {
         s.mutable_oops()->set_title("\xc0\xaf" "etc");
       }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "teamload.v1.Oops.title is not valid UTF-8")},
      {"signal", "title with an encoded surrogate",
       SignalBytes([](v1::Signal& s) {
         s.mutable_oops()->set_title("\xed\xa0\x80");
       }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "teamload.v1.Oops.title is not valid UTF-8")},
      {"signal", "survey text not UTF-8",
       SignalBytes([](v1::Signal& s) {
         s.mutable_survey_note()->set_text("\x80\x80");
       }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "teamload.v1.SurveyNote.text is not valid UTF-8")},
      {"signal", "occurred_at missing",
       Signal([](v1::Signal& s) { s.clear_occurred_at(); }),
       Rejected("occurred_at: is required")},
      {"signal", "occurred_at negative",
       Signal([](v1::Signal& s) { *s.mutable_occurred_at() = At(-1); }),
       Rejected("occurred_at: 1969-12-31T23:59:59Z is before 2000-01-01")},
      {"signal", "occurred_at before year 1",
       Signal([](v1::Signal& s) {
         *s.mutable_occurred_at() = At(-62'135'596'801);
       }),
       Rejected("occurred_at: is not a valid timestamp")},
      {"signal", "occurred_at int64 max",
       Signal([](v1::Signal& s) {
         *s.mutable_occurred_at() = At(std::numeric_limits<int64_t>::max());
       }),
       Rejected("occurred_at: is not a valid timestamp")},
      {"signal", "occurred_at int64 min",
       Signal([](v1::Signal& s) {
         *s.mutable_occurred_at() = At(std::numeric_limits<int64_t>::min());
       }),
       Rejected("occurred_at: is not a valid timestamp")},
      {"signal", "occurred_at negative nanos",
       Signal([](v1::Signal& s) { s.mutable_occurred_at()->set_nanos(-1); }),
       Rejected("occurred_at: is not a valid timestamp")},
      {"signal", "occurred_at nanos of a second",
       Signal([](v1::Signal& s) {
         s.mutable_occurred_at()->set_nanos(1'000'000'000);
       }),
       Rejected("occurred_at: is not a valid timestamp")},
      {"signal", "occurred_at two days ahead",
       Signal([](v1::Signal& s) {
         s.mutable_occurred_at()->set_seconds(s.occurred_at().seconds() +
                                              22 * kDay);
       }),
       Rejected("is more than a day in the future")},
      {"signal", "occurred_at in year 9999",
       Signal([](v1::Signal& s) { *s.mutable_occurred_at() = At(kMaxSeconds); }),
       Rejected("occurred_at: 9999-12-31T23:59:59Z is more than a day in the "
                "future")},
      {"signal", "occurred_at an hour ahead",
       Signal([](v1::Signal& s) {
         s.mutable_occurred_at()->set_seconds(s.occurred_at().seconds() +
                                              20 * kDay + 3600);
       }),
       Inert()},
      {"signal", "urgency 99",
       Signal([](v1::Signal& s) {
         s.mutable_page()->set_urgency(static_cast<v1::Urgency>(99));
       }),
       Rejected("page.urgency: 99 is not a teamload.v1.Urgency")},
      {"signal", "urgency -1",
       Signal([](v1::Signal& s) {
         s.mutable_page()->set_urgency(static_cast<v1::Urgency>(-1));
       }),
       Rejected("page.urgency: -1 is not a teamload.v1.Urgency")},
      {"signal", "urgency int32 min",
       Signal([](v1::Signal& s) {
         s.mutable_page()->set_urgency(
             static_cast<v1::Urgency>(std::numeric_limits<int32_t>::min()));
       }),
       Rejected("page.urgency: -2147483648 is not a teamload.v1.Urgency")},
      {"signal", "no kind", Signal([](v1::Signal& s) { s.clear_kind(); }),
       Rejected("kind: no kind set (one of page, oops, deferral, survey_note,")},
      {"signal", "negative time to ack",
       Signal([](v1::Signal& s) {
         s.mutable_page()->mutable_time_to_ack()->set_seconds(-5);
       }),
       Rejected("page.time_to_ack: must not be negative")},
      {"signal", "negative times deferred",
       Signal([](v1::Signal& s) {
         s.mutable_deferral()->set_times_deferred(-1);
       }),
       Rejected("deferral.times_deferred: -1 must not be negative")},
      {"signal", "survey score 6",
       Signal([](v1::Signal& s) { s.mutable_survey_note()->set_score(6); }),
       Rejected("survey_note.score: 6 is outside 0..5")},
      {"signal", "survey score int32 min",
       Signal([](v1::Signal& s) {
         s.mutable_survey_note()->set_score(
             std::numeric_limits<int32_t>::min());
       }),
       Rejected("survey_note.score: -2147483648 is outside 0..5")},
      {"signal", "written up in year 9999",
       Signal([](v1::Signal& s) {
         *s.mutable_oops()->mutable_written_up_at() = At(kMaxSeconds);
       }),
       Rejected("oops.written_up_at: 9999-12-31T23:59:59Z is more than a day")},
      {"signal", "resolved before 2000",
       Signal([](v1::Signal& s) {
         *s.mutable_deferral()->mutable_resolved_at() = At(0);
       }),
       Rejected("deferral.resolved_at: 1970-01-01T00:00:00Z is before "
                "2000-01-01")},
      {"signal", "unknown fields nested 90 deep",
       SignalBytes([](v1::Signal&) {}, NestedGroups(90)), Inert()},
      {"signal", "unknown fields nested 200 deep",
       SignalBytes([](v1::Signal&) {}, NestedGroups(200)),
       Refused(StatusCode::INVALID_ARGUMENT, "nested too deeply")},
      {"signal", "kind set twice on the wire",
       // A page, then an oops: the last one wins, as protobuf says.
       [](const Context& c) -> Call {
         v1::Signal page = UnwrittenOops(c);
         page.mutable_page()->set_title(kScript);
         const std::string oops = Serialized(UnwrittenOops(c));
         return IngestBytesCall{LengthDelimited(1, Serialized(page) + oops)};
       },
       Inert("db down")},
      {"signal", "same id twice in one request",
       Request([](v1::IngestRequest& request, const Context& c) {
         *request.add_signals() = UnwrittenOops(c);
         *request.add_signals() = UnwrittenOops(c);
       }),
       Inert("db down")},
      {"signal", "id of another team's signal",
       Request([](v1::IngestRequest& request, const Context& c) {
         v1::Signal* first = request.add_signals();
         *first = UnwrittenOops(c);
         first->set_team("payments");
         v1::Signal* taken = request.add_signals();
         *taken = UnwrittenOops(c);
         taken->mutable_oops()->set_title("moved");
       }),
       Rejected("team: ")},

      // --- Team names -------------------------------------------------------
      {"team_name", "unknown team",
       SignalTeam("billing"),
       Rejected("team: unknown team \"billing\" (not in teamloadd's config)")},
      {"team_name", "empty team", Signal([](v1::Signal& s) { s.clear_team(); }),
       Rejected("team: must not be empty")},
      {"team_name", "path traversal",
       SignalTeam("../../etc/passwd"),
       Rejected("team: unknown team \"../../etc/passwd\"")},
      {"team_name", "team of 64 KiB",
       SignalTeam(std::string(64 << 10, 'T')),
       Rejected("team: unknown team")},
      {"team_name", "team with terminal escapes",
       Signal([](v1::Signal& s) { s.set_team("payments\x1b]0;pwned\x07"); }),
       Rejected("team: unknown team")},
      {"team_name", "team with a newline",
       SignalTeam("payments\n"),
       Rejected("team: unknown team")},
      {"team_name", "team in capitals",
       SignalTeam("PAYMENTS"),
       Rejected("team: unknown team \"PAYMENTS\"")},
      {"team_name", "team with a trailing space",
       SignalTeam("payments "),
       Rejected("team: unknown team \"payments \"")},
      {"team_name", "team not UTF-8",
       SignalBytes([](v1::Signal& s) { s.set_team("pay\xffments"); }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "teamload.v1.Signal.team is not valid UTF-8")},
      {"team_name", "narrative of a path", Narrative("../../etc/passwd"),
       Refused(StatusCode::NOT_FOUND, "../../etc/passwd")},
      {"team_name", "narrative of no team", Narrative(""),
       Refused(StatusCode::NOT_FOUND, "")},
      {"team_name", "narrative of a team with escapes",
       Narrative("x\x1b[2J\x07"), Refused(StatusCode::NOT_FOUND, "x\x1b[2J")},
      {"team_name", "team of a path", Team("../payments"),
       Refused(StatusCode::NOT_FOUND, "../payments")},
      {"team_name", "GetTeam of 64 KiB", Team(std::string(64 << 10, 't')),
       Refused(StatusCode::NOT_FOUND, "ttt")},
      {"team_name", "narrative of 64 KiB", Narrative(std::string(64 << 10, 'n')),
       Refused(StatusCode::NOT_FOUND, "nnn")},
      {"team_name", "teamloadctl narrative of a team with escapes",
       Ctl({"narrative", "x\x1b]0;pwned\x07\r"}),
       Command(2, "x\\x1b]0;pwned\\x07\\r")},
      {"team_name", "teamloadctl team of a path",
       Ctl({"team", "../../etc/passwd"}), Command(2, "../../etc/passwd")},
      {"team_name", "teamloadctl ingest to a team with escapes",
       CtlIngest<v1::Signal>(&UnwrittenOops, [](v1::Signal& s) { s.set_team("pay\x1b[2Jments\x07"); }),
       Command(1, "team: unknown team \"pay\\x1b[2Jments\\x07\"")},
      {"team_name", "a configured team with escapes",
       CheckConfig("  - name: \"pay\\e]0;pwned\\aments\"\n"
                   "    timezone: \"Europe/\\e[2J\"\n"),
       Command(1, "Europe/\\x1b[2J")},

      // --- Coverage ---------------------------------------------------------
      {"coverage", "unknown team",
       Coverage([](v1::Coverage& h) { h.set_team("billing"); }),
       Rejected("team: unknown team \"billing\"")},
      {"coverage", "path traversal team",
       Coverage([](v1::Coverage& h) { h.set_team("../.."); }),
       Rejected("team: unknown team \"../..\"")},
      {"coverage", "empty source",
       Coverage([](v1::Coverage& h) { h.clear_source(); }),
       Rejected("source: must not be empty")},
      {"coverage", "source over 16 KiB", CoverageSource(k16KiB + "s"),
       Rejected("source: is 16385 bytes, over the limit of 16384")},
      {"coverage", "covered_through missing",
       Coverage([](v1::Coverage& h) { h.clear_covered_through(); }),
       Rejected("covered_through: is required")},
      {"coverage", "covered_through two days ahead",
       Coverage([](v1::Coverage& h) {
         h.mutable_covered_through()->set_seconds(
             h.covered_through().seconds() + 3 * kDay);
       }),
       Rejected("covered_through: ")},
      {"coverage", "covered_through before 2000",
       Coverage([](v1::Coverage& h) { *h.mutable_covered_through() = At(1); }),
       Rejected("covered_through: 1970-01-01T00:00:01Z is before 2000-01-01")},
      {"coverage", "covered_through invalid nanos",
       Coverage([](v1::Coverage& h) {
         h.mutable_covered_through()->set_nanos(-7);
       }),
       Rejected("covered_through: is not a valid timestamp")},
      {"coverage", "source with markup", CoverageSource(kScript),
       Inert(kScript)},
      {"coverage", "source with terminal escapes",
       CoverageSource("pd\x1b]0;pwned\x07\r"), Inert("pd\x1b]0;pwned\x07\r")},
      {"coverage", "source with a forged log line",
       CoverageSource(kForgedLogLine), Inert()},
      {"coverage", "source not UTF-8",
       [](const Context& c) -> Call {
         v1::Coverage coverage = Heartbeat(c);
         coverage.set_source("pd\xe2\x82");
         return IngestBytesCall{LengthDelimited(2, Serialized(coverage))};
       },
       Refused(StatusCode::INVALID_ARGUMENT,
               "teamload.v1.Coverage.source is not valid UTF-8")},
      {"coverage", "teamloadctl ingest of a team with escapes",
       CtlIngest<v1::Coverage>(
           &Heartbeat, [](v1::Coverage& h) { h.set_team("t\x1b[31mred\x1b[0m"); }),
       Command(1, "rejected coverage of t\\x1b[31mred\\x1b[0m/pagerduty")},

      // --- as_of values -----------------------------------------------------
      {"as_of", "negative", NarrativeAsOf(At(-86400)),
       Refused(StatusCode::INVALID_ARGUMENT,
               "as_of: 1969-12-31T00:00:00Z is before 2000-01-01")},
      {"as_of", "nanos of two seconds", NarrativeAsOf(At(1'800'000'000, 2e9)),
       Refused(StatusCode::INVALID_ARGUMENT,
               "as_of: is not a valid timestamp")},
      {"as_of", "after year 9999", NarrativeAsOf(At(kMaxSeconds + 1)),
       Refused(StatusCode::INVALID_ARGUMENT,
               "as_of: is not a valid timestamp")},
      {"as_of", "int64 min",
       NarrativeAsOf(At(std::numeric_limits<int64_t>::min())),
       Refused(StatusCode::INVALID_ARGUMENT,
               "as_of: is not a valid timestamp")},
      {"as_of", "a week ahead", NarrativeAsOf({}, 7),
       Refused(StatusCode::INVALID_ARGUMENT, "is more than a day in the future")},
      {"as_of", "a year ago", NarrativeAsOf({}, -365), Inert()},
      {"as_of", "narratives in year 9999",
       Read<NarrativesCall>([](v1::ListNarrativesRequest& r, const Context&) {
         *r.mutable_as_of() = At(kMaxSeconds);
       }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "as_of: 9999-12-31T23:59:59Z is more than a day in the future")},
      {"as_of", "report before 2000",
       Read<ReportCall>([](v1::RenderReportRequest& r, const Context& c) {
         r.set_name(c.team);
         *r.mutable_as_of() = At(946'684'799);
       }),
       Refused(StatusCode::INVALID_ARGUMENT,
               "as_of: 1999-12-31T23:59:59Z is before 2000-01-01")},
      {"as_of", "teamloadctl with escapes",
       Ctl({"narrative", "{team}", "--as-of", "\x1b[2J2026\x07"}),
       Command(2, "--as-of \"\\x1b[2J2026\\x07\" is not a time")},

      // --- Report names -----------------------------------------------------
      {"report_name", "empty", Report(""),
       Refused(StatusCode::NOT_FOUND, "no report \"\"")},
      {"report_name", "path traversal", Report("../../etc/passwd"),
       Refused(StatusCode::NOT_FOUND, "no report \"../../etc/passwd\"")},
      {"report_name", "with escapes", Report("weekly\x1b[2J"),
       Refused(StatusCode::NOT_FOUND, "no report \"weekly\x1b[2J\"")},
      {"report_name", "of 64 KiB", Report(std::string(64 << 10, 'r')),
       Refused(StatusCode::NOT_FOUND, "no report \"rrr")},
      {"report_name", "not UTF-8",
       Report("weekly\xff"),  // sent as is: the generated stub does not check
       Refused(StatusCode::INVALID_ARGUMENT, "UTF-8"),
       "daemon/api: a RenderReportRequest that does not parse is INTERNAL "
       "from gRPC's own parsing, not INVALID_ARGUMENT saying why"},
      {"report_name", "teamloadctl with a path and --out",
       Ctl({"report", "../../../tmp/x", "--out", "/nonexistent/hostile"}),
       Command(2, "no report \"../../../tmp/x\"")},
      {"report_name", "teamloadctl with escapes",
       Ctl({"report", "r\x1b]0;pwned\x07"}),
       Command(2, "no report \"r\\x1b]0;pwned\\x07\"")},

      // --- Request sizes ----------------------------------------------------
      {"request_size", "empty request",
       Request([](v1::IngestRequest&, const Context&) {}), Inert()},
      {"request_size", "signals at the limit", Many(200, 0), Inert()},
      {"request_size", "signals over the limit", Many(201, 0),
       Refused(StatusCode::INVALID_ARGUMENT,
               "request has 201 signals and 0 coverage entries, over the "
               "limit of 200 per request (limits.max_request_signals counts "
               "both)")},
      {"request_size", "bytes over the limit",
       Request([](v1::IngestRequest& request, const Context& c) {
         for (int i = 0; i < 150; ++i) {
           v1::Signal* s = request.add_signals();
           *s = UnwrittenOops(c);
           s->set_id(absl::StrCat(c.id, ":", i));
           s->mutable_oops()->set_title(k16KiB);
         }
       }),
       Refused(StatusCode::RESOURCE_EXHAUSTED,
               "over the limit of 2097152 bytes per request "
               "(limits.max_request_bytes)")},
      {"request_size", "coverage over the signal limit", Many(0, 201),
       Refused(StatusCode::INVALID_ARGUMENT,
               "request has 0 signals and 201 coverage entries, over the "
               "limit of 200 per request")},
      {"request_size", "signals and coverage together over the limit",
       Many(150, 51),
       Refused(StatusCode::INVALID_ARGUMENT,
               "request has 150 signals and 51 coverage entries")},
      {"request_size", "100,000 coverage entries", Many(0, 100'000),
       Refused(StatusCode::INVALID_ARGUMENT,
               "(limits.max_request_signals counts both)")},
      {"request_size", "over gRPC's message limit",
       Bytes(LengthDelimited(1, std::string(5 << 20, 'x'))),
       Refused(StatusCode::RESOURCE_EXHAUSTED, "")},

      // --- Malformed protobuf -----------------------------------------------
      {"malformed", "garbage", Bytes("\xff\xff\xff\xff"),
       Refused(StatusCode::INVALID_ARGUMENT, "truncated or garbage bytes")},
      {"malformed", "truncated",
       [](const Context& c) -> Call {
         const std::string whole = LengthDelimited(1, Serialized(UnwrittenOops(c)));
         return IngestBytesCall{whole.substr(0, whole.size() - 3)};
       },
       Refused(StatusCode::INVALID_ARGUMENT, "truncated or garbage bytes")},
      {"malformed", "nested 200 deep", Bytes(NestedGroups(200)),
       Refused(StatusCode::INVALID_ARGUMENT, "nested too deeply")},
      // A known field with the wrong wire type is an unknown field to
      // protobuf: kept aside, nothing ingested.
      {"malformed", "signals as a number", Bytes(absl::StrCat("\x08", "\x01")),
       Inert()},
      {"malformed", "length past the end", Bytes("\x0a\x7f\x0a\x02pd"),
       Refused(StatusCode::INVALID_ARGUMENT, "truncated or garbage bytes")},
      {"malformed", "varint of eleven bytes",
       Bytes("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
       Refused(StatusCode::INVALID_ARGUMENT, "not a valid")},
      {"malformed", "field number zero", Bytes(std::string("\x00\x01", 2)),
       Refused(StatusCode::INVALID_ARGUMENT, "not a valid")},
      {"malformed", "group never ended", Bytes("\x9b\x06\x08\x01"),
       Refused(StatusCode::INVALID_ARGUMENT, "not a valid")},
      {"malformed", "group ended never started", Bytes("\x9c\x06"),
       Refused(StatusCode::INVALID_ARGUMENT, "not a valid")},
      {"malformed", "no bytes at all", Bytes(""), Inert()},
      {"malformed", "unknown fields only", Bytes("\xf8\x06\x01\x9a\x07\x01z"),
       Inert()},

      // --- Markdown and HTML injection ---------------------------------------
      {"markup", "script in a title", Title(kScript), Inert(kScript)},
      {"markup", "img onerror in a title", Title(kImg), Inert(kImg)},
      {"markup", "javascript link in a title",
       Title("[click](javascript:alert(1))"),
       Inert("[click](javascript:alert(1))")},
      {"markup", "html javascript link in a title",
       Title("<a href=\"javascript:alert(1)\">x</a>"),
       Inert("<a href=\"javascript:alert(1)\">x</a>")},
      {"markup", "entities in a title", Title("&lt;script&gt; &amp; &#60;"),
       Inert("&lt;script&gt; &amp; &#60;")},
      {"markup", "url autolink in a title", Title("<http://evil.example/x>"),
       Inert("<http://evil.example/x")},
      {"markup", "url autolink shown exactly", Title("<http://evil.example/y>"),
       Inert("<http://evil.example/y>"), kAutolinkBackslashes},
      {"markup", "email autolink in a title", Title("<mail@evil.example>"),
       Inert("<mail@evil.example>")},
      {"markup", "heading after a newline in a title",
       Title("ok\n# You are fired\n- item"), Inert("# You are fired - item")},
      {"markup", "code fence in a title", Title("```js\nalert(1)\n```"),
       Inert("```js alert(1) ```")},
      {"markup", "image in a title", Title("![x](http://evil.example/t.png)"),
       Inert("![x](http://evil.example/t.png)")},
      {"markup", "html comment in a title", Title("<!-- hidden --> shown"),
       Inert("<!-- hidden --> shown")},
      {"markup", "table in a title", Title("| a | b |\n| - | - |"),
       Inert("| a | b | | - | - |")},
      {"markup", "iframe in a title",
       Title("<iframe src=\"https://evil.example\"></iframe>"),
       Inert("<iframe src=\"https://evil.example")},
      {"markup", "svg onload in a title", Title("<svg onload=alert(1)>"),
       Inert("<svg onload=alert(1)>")},
      {"markup", "emphasis and a link reference in a title",
       Title("*em* __strong__ [r]: /u"), Inert("*em* __strong__ [r]: /u")},
      {"markup", "script in a survey quote", SurveyAnswers(kScript),
       Inert(kScript)},
      {"markup", "img onerror in a survey quote", SurveyAnswers(kImg),
       Inert(kImg)},
      {"markup", "javascript link in a survey quote",
       SurveyAnswers("[help](javascript:alert(1)) <javascript:alert(1)>"),
       Inert("[help](javascript:alert(1)) <javascript:alert(1)>")},
      {"markup", "quote closing its blockquote",
       SurveyAnswers("\"\n\n<script>x</script>\n> "), Inert()},
      {"markup", "markup in a survey's name", SurveyAnswers("", kImg),
       Inert(kImg)},
      {"markup", "script in a deferral title", Deferral("PAY-1", kScript),
       Inert(kScript)},
      {"markup", "link in a deferred item",
       Deferral("[PAY-2](javascript:alert(1))", "title"),
       Inert("[PAY-2](javascript:alert(1))")},
      {"markup", "script in a migration title", Migration(kScript),
       Inert(kScript)},

      // --- Annotations (narrative Context, the charts' flags and caption) ---
      {"annotation", "script in a note", Annotation(kScript), InertInChart(kScript)},
      {"annotation", "img onerror in the author of a note",
       Annotation("reorg", kImg), InertInChart(kImg)},
      {"annotation", "bidi override in a note", Annotation("ok \u202etxt.exe"),
       InertInChart("ok \u202etxt.exe")},
      {"annotation", "escapes in the author of a note",
       Annotation("reorg", "Ana\x1b]0;pwned\x07\x1b[2J"),
       InertInChart("Ana\x1b]0;pwned\x07\x1b[2J")},
      {"annotation", "heading after a newline in the author",
       Annotation("reorg", "Ana\n# forged heading"), InertInChart("Ana\n# forged heading")},
      {"annotation", "note of 500 bytes in 250 characters",
       Annotation(LongNote()), InertInChart(LongNote())},
      {"annotation", "note over 500 bytes",
       Annotation(std::string(501, 'n')),
       Rejected("annotation.text: is 501 bytes, over the limit of 500")},
      {"annotation", "note on two lines", Annotation("ok\n# forged"),
       Rejected("annotation.text: must be one line")},

      // --- Terminal escapes -------------------------------------------------
      {"terminal", "clear screen in a title", Title("db\x1b[2J\x1b[H down"),
       Inert("db\x1b[2J\x1b[H down")},
      {"terminal", "window title in a title", Title("\x1b]0;pwned\x07 down"),
       Inert("\x1b]0;pwned\x07 down")},
      {"terminal", "bell in a title", Title("ding\x07\x07"),
       Inert("ding\x07\x07")},
      {"terminal", "carriage return overwrite in a title",
       Title("all fine\rON FIRE"), Inert("all fine\rON FIRE")},
      {"terminal", "backspaces in a title", Title("rm -rf /\b\b\b\b\b\bls"),
       Inert("rm -rf /\b\b\b\b\b\bls")},
      {"terminal", "DEL in a title", Title("a\x7f b"), Inert("a\x7f b")},
      {"terminal", "C1 control in a title", Title("red\xc2\x9b" "31m"),
       Inert("red\xc2\x9b" "31m")},
      {"terminal", "escapes in a survey quote",
       SurveyAnswers("\x1b]0;pwned\x07\x1b[2J"), Inert("\x1b]0;pwned\x07")},
      {"terminal", "escapes in a deferral title",
       Deferral("PAY-3\x1b[2J", "t\x1b]0;x\x07"), Inert("PAY-3\x1b[2J")},
      {"terminal", "escapes in a migration title",
       Migration("pg16\x1b]0;x\x07\x1b[2J"), Inert("pg16\x1b]0;x\x07")},
      {"terminal", "teamloadctl ingest of an id with escapes",
       CtlIngest<v1::Signal>(&UnwrittenOops, [](v1::Signal& s) {
         s.set_id(absl::StrCat(s.id(), "\x1b[2J"));
         s.clear_occurred_at();
       }),
       Command(1, "\\x1b[2J: occurred_at: is required")},

      // --- Log injection ----------------------------------------------------
      {"log_injection", "forged line in a title", Title(kForgedLogLine),
       Inert()},
      {"log_injection", "forged line in an id", Id(kForgedLogLine), Inert()},
      {"log_injection", "forged line in an unknown team",
       SignalTeam(kForgedLogLine),
       Rejected("team: unknown team")},
      {"log_injection", "forged line in a report name", Report(kForgedLogLine),
       Refused(StatusCode::NOT_FOUND, "no report")},
      {"log_injection", "forged line in a malformed request",
       SignalBytes([](v1::Signal& s) {
         s.mutable_oops()->set_title(absl::StrCat(kForgedLogLine, "\xff"));
       }),
       Refused(StatusCode::INVALID_ARGUMENT, "is not valid UTF-8")},

      // --- Every case above, together ----------------------------------------
      {"all", "teamloadctl narratives", Ctl({"narratives"}), Command(0)},
      {"all", "teamloadctl teams", Ctl({"teams"}), Command(0)},
      {"all", "teamloadctl themes", Ctl({"themes"}), Command(0)},
      {"all", "daemon log", DaemonLog(), Command(0)},
  };
  return *kCatalogue;
}

}  // namespace teamload::hostile
