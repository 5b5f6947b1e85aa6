// Model: what teamloadd knows about each team right now, held in memory.
// Rebuilt from the store at start (Rebuild), then kept current by the ingest
// path after every durable write.
//
// Survey answers and write-ups are read for themes (themes::Reader) once,
// as they are applied; the facts keep the themes they raise.
//
// Thread-safe. The team registry is constant after construction; everything
// else is guarded by one mutex. Readers get copies, or const views that live
// only inside a Visit callback, under the lock.
#ifndef TEAMLOAD_DAEMON_MODEL_MODEL_H_
#define TEAMLOAD_DAEMON_MODEL_MODEL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "daemon/config/config.h"
#include "daemon/model/kind.h"
#include "daemon/model/team_history.h"
#include "daemon/store/store.h"
#include "daemon/themes/reader.h"
#include "teamload/v1/signal.pb.h"
#include "teamload/v1/team.pb.h"

namespace teamload::model {

// What the model knows of one id and one content, for deduplication.
struct KnownContent {
  int64_t revision = 0;  // the id's current revision; 0 for an unknown id
  bool seen = false;     // whether this content was the current or any earlier
                         // revision of the id
};

// A new current revision, to be applied after it is durable. The model
// numbers revisions itself, in the order they are applied.
struct AppliedRevision {
  const teamload::v1::Signal* signal;  // not owned; valid during Apply
  uint64_t content_hash = 0;
  // When teamloadd received it: when a deferral resolved without a
  // resolved_at is taken to have been resolved.
  absl::Time received_at;
  // Its number in the store, when known: then Apply skips it if the model
  // already holds that revision or its content (a follower applied it
  // first). 0: applied as the next revision whatever the model holds.
  int64_t revision = 0;
};

// Stable 64-bit hash of a serialized signal: equal bytes, equal content.
uint64_t ContentHash(absl::string_view serialized_signal);

using TeamVisitor =
    absl::FunctionRef<void(const config::TeamConfig&, const TeamHistory&)>;

class Model {
 public:
  // `reader` reads survey answers and write-ups for the themes of the
  // teams' catalog (config::TeamConfig::themes); it must outlive the model.
  // Null: the built-in themes (themes::Reader::Builtin(), trained on first
  // use), for teams whose config names no themes of its own.
  explicit Model(const std::vector<config::TeamConfig>& teams,
                 const themes::Reader* reader = nullptr);
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Loads every current revision and coverage mark from `store`.
  // REQUIRES: called once, before any other thread uses the model.
  absl::Status Rebuild(store::Store& store);

  bool HasTeam(absl::string_view name) const;

  KnownContent Lookup(absl::string_view id, uint64_t content_hash) const;

  // REQUIRES: the revisions and coverage are durable in the store, every
  // signal passed validation, and HasTeam() holds for every team named.
  // A numbered revision the model already holds is skipped: a follower
  // (ApplyStored) may have applied it first.
  void Apply(const std::vector<AppliedRevision>& revisions,
             const std::vector<store::CoverageMark>& coverage);

  // What ApplyStored did with the rows it was given.
  struct StoredCounts {
    int64_t applied = 0;       // new revisions and coverage marks
    int64_t known = 0;         // revisions the model already held
    int64_t unknown_team = 0;  // rows of teams not in this config, skipped
    int64_t erased = 0;        // signals removed (Erase), for the follower
  };
  // Applies rows read back from the store (another replica's writes, or
  // what won a race on an id): each revision newer than the model's current
  // one for its id, and whose content the model has not held, becomes the
  // current revision. Applying a row twice changes nothing, so callers may
  // overlap what they read. DATA_LOSS, applying nothing, for a body that is
  // not a signal.
  // REQUIRES: the rows are durable, and each id's revisions come oldest
  // first.
  absl::StatusOr<StoredCounts> ApplyStored(
      const std::vector<store::Revision>& revisions,
      const std::vector<store::CoverageMark>& coverage);

  // Removes each named signal: its fact and what the model knew of its
  // content and revisions. Ids the model does not hold are skipped. An
  // erased id is forgotten, as the store forgets it (Store::EraseSignals):
  // sent again, it is a new signal, revision 1. Returns how many signals it
  // removed.
  // REQUIRES: the store has erased them (durably) first.
  int64_t Erase(const std::vector<std::string>& ids);

  // The ids of the survey notes whose current revision's respondent is
  // `respondent`, across every team, sorted.
  std::vector<std::string> SurveyNotesOf(absl::string_view respondent) const;

  // The annotation with this id and the team it belongs to, if the model
  // holds one (the current revision).
  struct FoundAnnotation {
    std::string team;
    AnnotationFact annotation;
  };
  std::optional<FoundAnnotation> FindAnnotation(absl::string_view id) const;

  // NOT_FOUND, naming the known teams, for an unknown name.
  absl::StatusOr<teamload::v1::Team> GetTeam(absl::string_view name) const;
  // Every team, sorted by name.
  std::vector<teamload::v1::Team> ListTeams() const;

  // Calls `visit` with one team's config and history, under the lock: keep
  // it short and do not call back into the model. NOT_FOUND for an unknown
  // team.
  absl::Status VisitTeam(absl::string_view name, TeamVisitor visit) const;
  // The same for every team, sorted by name, taking the lock for one team
  // at a time: writes may land between two teams' visits, so the visits
  // are not one snapshot, but a writer never waits for more than one visit.
  void VisitTeams(TeamVisitor visit) const;

  // Counts every Apply; lets watchers notice change.
  uint64_t Generation() const;
  // Waits until Generation() != seen or `timeout` passes; returns the
  // generation then.
  uint64_t WaitForChange(uint64_t seen, absl::Duration timeout) const;

  // Current signals across all teams.
  int64_t SignalCount() const;

 private:
  // Signals are keyed by a 128-bit hash of their id rather than the id
  // itself: 16 bytes and no allocation per key, and a collision among even
  // billions of ids is far less likely than a disk error.
  using IdKey = absl::uint128;
  static IdKey KeyOf(absl::string_view id);

  // 16 bytes a signal. Its revision is 1 + the number of earlier hashes.
  struct Entry {
    uint64_t content_hash;
    uint32_t fact;  // index into the team's vector for that kind
    uint32_t team : 24;
    uint32_t kind : 8;  // a Kind
  };
  static_assert(sizeof(Entry) == 16);

  // Every signal's Entry by IdKey, in about 38 bytes a signal at 5 million
  // (193 MiB), where absl::flat_hash_map<IdKey, Entry> took 53 (a 32-byte
  // slot plus a control byte, at the 44 to 87 % load it keeps: 264 MiB), and
  // held its old and new tables at once while it grew.
  // Each signal's key and entry are one 32-byte record, appended to chunks
  // that never move (so growing copies no record); the hash set holds only
  // 4-byte record numbers (plus absl's control byte), hashed by their
  // record's key. Finding a key costs one more memory access, to the record.
  // Records are only appended. Erasing an id takes its record number out of
  // the hash set, so the id is unknown again, and leaves the record's 32
  // bytes unused: erasures (by an admin, or the retention sweep of survey
  // notes) are few beside the signals kept, and reusing records would need
  // a free list the common path does not.
  class IdIndex {
   public:
    IdIndex() = default;
    IdIndex(const IdIndex&) = delete;  // its hash set points back at it
    IdIndex& operator=(const IdIndex&) = delete;

    // The entry for `key`, or nullptr.
    Entry* Find(IdKey key);
    const Entry* Find(IdKey key) const;
    // The entry for `key`; `inserted` when it is new (and value-initialised).
    std::pair<Entry*, bool> FindOrInsert(IdKey key);
    // Forgets `key`; false when it was not known.
    bool Erase(IdKey key) { return records_.erase(key) == 1; }
    // Known ids (records erased are not counted).
    size_t size() const { return records_.size(); }

   private:
    struct Record {
      IdKey key;
      Entry entry;
    };
    static_assert(sizeof(Record) == 32);
    // Records per chunk: 2 MiB, so the last chunk's unused tail is small
    // beside millions of signals, and a chunk is never reallocated.
    static constexpr uint32_t kChunkRecords = 1 << 16;

    Record& At(uint32_t i) const {
      return chunks_[i / kChunkRecords][i % kChunkRecords];
    }
    // Record numbers hashed and compared by their record's key; a key
    // itself looks up without a record (heterogeneous lookup).
    struct Hash {
      using is_transparent = void;
      const IdIndex* index;
      size_t operator()(IdKey key) const {
        return static_cast<size_t>(absl::Uint128Low64(key));
      }
      size_t operator()(uint32_t record) const {
        return (*this)(index->At(record).key);
      }
    };
    struct Eq {
      using is_transparent = void;
      const IdIndex* index;
      bool operator()(uint32_t a, uint32_t b) const { return a == b; }
      bool operator()(uint32_t record, IdKey key) const {
        return index->At(record).key == key;
      }
      bool operator()(IdKey key, uint32_t record) const {
        return (*this)(record, key);
      }
    };
    static_assert(sizeof(uint32_t) == 4);  // one record number a slot

    std::vector<std::unique_ptr<Record[]>> chunks_;
    uint32_t size_ = 0;
    absl::flat_hash_set<uint32_t, Hash, Eq> records_{0, Hash{this}, Eq{this}};
  };

  KnownContent LookupLocked(IdKey key, uint64_t content_hash) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void ApplyOneLocked(const AppliedRevision& revision)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ApplyCoverageLocked(const store::CoverageMark& mark)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Removes a fact by moving the last one of its vector into its place.
  void RemoveFactLocked(const Entry& entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  const themes::Reader& Reader() const {
    return reader_ != nullptr ? *reader_ : themes::Reader::Builtin();
  }
  uint32_t PutFactLocked(uint32_t team, Kind kind,
                         const AppliedRevision& revision,
                         std::optional<uint32_t> at)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  teamload::v1::Team TeamLocked(uint32_t index) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  // Constant after construction.
  std::vector<config::TeamConfig> teams_;  // sorted by name
  absl::flat_hash_map<std::string, uint32_t> team_index_;
  const themes::Reader* const reader_;  // null: themes::Reader::Builtin()

  // State below is protected by mu_.
  mutable absl::Mutex mu_;
  IdIndex signals_ ABSL_GUARDED_BY(mu_);
  // Hashes of earlier revisions, only for ids revised at least once.
  absl::flat_hash_map<IdKey, std::vector<uint64_t>> earlier_hashes_
      ABSL_GUARDED_BY(mu_);
  std::vector<TeamHistory> history_ ABSL_GUARDED_BY(mu_);  // by team index
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace teamload::model

#endif  // TEAMLOAD_DAEMON_MODEL_MODEL_H_
