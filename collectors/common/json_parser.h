// JsonParser<Result>: what every JSON collector's Parser shares. It owns one
// simdjson parser, reused from document to document, and reports a document
// that is not JSON as one RecordError (the file's name and why) instead of
// reading it; a document that is JSON goes to the collector's Read, which
// tells its shapes apart and fills `out`.
//
// REQUIRES: Result has `std::vector<RecordError> errors`.
// Thread-compatible: use one parser per thread.
#ifndef TEAMLOAD_COLLECTORS_COMMON_JSON_PARSER_H_
#define TEAMLOAD_COLLECTORS_COMMON_JSON_PARSER_H_

#include <utility>

#include "absl/strings/string_view.h"
#include "collectors/common/record_error.h"
#include "simdjson.h"

namespace teamload::collectors {

template <typename Result>
class JsonParser {
 public:
  virtual ~JsonParser() = default;

  // `name` (a file name or URL) prefixes every error's place.
  Result Parse(absl::string_view json, absl::string_view name) {
    Result out;
    simdjson::dom::element doc;
    if (std::optional<RecordError> error =
            ParseJson(parser_, json, name, doc)) {
      out.errors.push_back(*std::move(error));
    } else {
      Read(doc, name, out);
    }
    return out;
  }

 private:
  // Reads the records of one parsed document into `out`; a malformed record
  // goes to `out.errors` and the rest are still read.
  virtual void Read(simdjson::dom::element doc, absl::string_view name,
                    Result& out) = 0;

  simdjson::dom::parser parser_;
};

}  // namespace teamload::collectors

#endif  // TEAMLOAD_COLLECTORS_COMMON_JSON_PARSER_H_
