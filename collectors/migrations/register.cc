#include "collectors/migrations/register.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collectors/common/timestamps.h"
#include "yaml-cpp/yaml.h"

namespace teamload::collectors::migrations {
namespace {

// Where a node is: "register.yaml:4:5".
std::string At(absl::string_view file, const YAML::Mark& mark) {
  return absl::StrFormat("%s:%d:%d", file, mark.line + 1, mark.column + 1);
}

// Reads one entry of `migrations:`, or says what is wrong with it.
class EntryReader {
 public:
  EntryReader(absl::string_view file, std::string path,
              const absl::TimeZone& zone, const YAML::Node& entry)
      : file_(file), path_(std::move(path)), zone_(zone), entry_(entry) {}

  // The text at `key`; nullopt when absent. Sets the error for anything but
  // text.
  std::optional<std::string> Text(const char* key) {
    const YAML::Node node = entry_[key];
    if (!node || node.IsNull()) return std::nullopt;
    if (!node.IsScalar()) {
      Fail(node.Mark(), key, "must be text");
      return std::nullopt;
    }
    return node.Scalar();
  }
  // The time at `key`; InfiniteFuture when absent.
  absl::Time Time(const char* key) {
    const std::optional<std::string> text = Text(key);
    if (!text) return absl::InfiniteFuture();
    absl::StatusOr<absl::Time> t = ParseDateOrTime(*text, zone_);
    if (!t.ok()) {
      Fail(entry_[key].Mark(), key, std::string(t.status().message()));
      return absl::InfiniteFuture();
    }
    return *t;
  }
  // Sets the error (the first one wins) at `mark` for `key`.
  void Fail(const YAML::Mark& mark, absl::string_view key,
            absl::string_view why) {
    if (error_) return;
    error_ =
        RecordError{At(file_, mark), absl::StrCat(path_, ".", key, ": ", why)};
  }
  void FailAtEntry(absl::string_view key, absl::string_view why) {
    Fail(entry_.Mark(), key, why);
  }
  const std::optional<RecordError>& error() const { return error_; }

 private:
  absl::string_view file_;
  std::string path_;  // "migrations[1]"
  const absl::TimeZone& zone_;
  const YAML::Node& entry_;
  std::optional<RecordError> error_;
};

void ReadEntries(const YAML::Node& list, absl::string_view file,
                 const std::string& team, const absl::TimeZone& zone,
                 ParseResult& out) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node entry = list[i];
    EntryReader read(file, absl::StrFormat("migrations[%d]", i), zone, entry);
    if (!entry.IsMap()) {
      out.errors.push_back(
          {At(file, entry.Mark()),
           absl::StrFormat("migrations[%d]: must be a map of keys (name, "
                           "started, ...)",
                           i)});
      continue;
    }
    Migration m{.where = At(file, entry.Mark()), .team = team};
    m.record.name = read.Text("name").value_or("");
    m.record.title = read.Text("title").value_or("");
    m.started = read.Time("started");
    m.record.planned_end = read.Time("planned_end");
    m.record.finished = read.Time("finished");
    m.record.retrospective = read.Time("retrospective");
    m.record.retrospective_url = read.Text("retrospective_url").value_or("");
    if (m.record.name.empty()) read.FailAtEntry("name", "is required");
    if (!read.error() && m.started == absl::InfiniteFuture())
      read.FailAtEntry("started", "is required");
    if (!read.error() && m.record.finished < m.started) {
      read.Fail(entry["finished"].Mark(), "finished",
                "is before the migration started");
    }
    if (!read.error() && m.record.retrospective < m.started) {
      read.Fail(entry["retrospective"].Mark(), "retrospective",
                "is before the migration started");
    }
    if (!read.error() && !names.insert(m.record.name).second) {
      read.Fail(entry["name"].Mark(), "name",
                absl::StrFormat("\"%s\" is listed twice", m.record.name));
    }
    if (read.error()) {
      out.errors.push_back(*read.error());
    } else {
      out.migrations.push_back(std::move(m));
    }
  }
}

}  // namespace

ParseResult ParseRegister(absl::string_view text, absl::string_view file,
                          const absl::TimeZone& zone) {
  ParseResult out;
  const auto whole = [&](int line, std::string why) {
    out.errors.push_back(
        {absl::StrFormat("%s:%d", file, line), std::move(why)});
    return out;
  };
  // yaml-cpp throws on malformed documents and some odd ones (aliases as
  // keys, ...): caught here, at the wrapper.
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap()) {
      return whole(1, "a register is a map with team: and migrations:");
    }
    const YAML::Node team = root["team"];
    if (!team || !team.IsScalar() || team.Scalar().empty()) {
      return whole(team ? team.Mark().line + 1 : 1,
                   "team: is required (the register's team, as text)");
    }
    const YAML::Node list = root["migrations"];
    if (!list || list.IsNull()) return out;  // an empty register
    if (!list.IsSequence()) {
      return whole(list.Mark().line + 1,
                   "migrations: must be a list of migrations");
    }
    ReadEntries(list, file, team.Scalar(), zone, out);
  } catch (const YAML::Exception& e) {
    out.migrations.clear();
    out.errors.push_back(
        {At(file, e.mark), absl::StrCat("not valid YAML: ", e.msg)});
  }
  return out;
}

std::optional<teamload::v1::Signal> ToSignal(const Migration& migration,
                                             const TeamMapping& mapping,
                                             std::string* unmapped) {
  std::optional<std::string> team =
      mapping.TeamFor("migrations", "teams", migration.team);
  if (!team) {
    *unmapped =
        absl::StrFormat("migration %s of register team %s (%s)",
                        migration.record.name, migration.team, migration.where);
    return std::nullopt;
  }
  teamload::v1::Signal signal = client::NewSignal(
      "migrations", absl::StrCat(migration.team, "/", migration.record.name),
      *team, migration.started);
  client::SetMigration(signal, migration.record);
  return signal;
}

}  // namespace teamload::collectors::migrations
