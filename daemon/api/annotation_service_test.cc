// AnnotationService in process (api/testing.h), as the local caller: a note
// is stored once however often it is sent, shows in the narrative as
// context, is corrected in place by its author only, and bad requests are
// refused naming the field.
#include "daemon/api/annotation_service.h"

#include "daemon/api/testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::api {
namespace {

using ::testing::HasSubstr;
using testing::kNow;
using ::testing::StartsWith;
using testing::Timestamp;

class AnnotationServiceTest : public testing::ServiceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(Start(testing::kPaymentsAndSearch));
    annotations_ = v1::AnnotationService::NewStub(channel_);
  }
  void TearDown() override {
    annotations_.reset();
    ServiceTest::TearDown();
  }

  grpc::Status Annotate(const v1::AnnotateRequest& request,
                        v1::AnnotateResponse* response) {
    grpc::ClientContext context;
    return annotations_->Annotate(&context, request, response);
  }
  static v1::AnnotateRequest Note(const std::string& text,
                                  absl::Time at = kNow - absl::Hours(48)) {
    v1::AnnotateRequest request;
    request.set_team("payments");
    *request.mutable_at() = Timestamp(at);
    request.set_text(text);
    request.set_author("maria");
    return request;
  }
  v1::Narrative Payments() {
    grpc::ClientContext context;
    v1::GetNarrativeRequest request;
    request.set_team("payments");
    v1::Narrative narrative;
    EXPECT_TRUE(narratives_->GetNarrative(&context, request, &narrative).ok());
    return narrative;
  }

  std::unique_ptr<v1::AnnotationService::Stub> annotations_;
};

TEST_F(AnnotationServiceTest, ANoteIsStoredOnceAndToldAsContext) {
  const v1::Narrative before = Payments();
  v1::AnnotateResponse first;
  ASSERT_TRUE(
      Annotate(Note("reorg: two people moved to platform"), &first).ok());
  EXPECT_THAT(first.id(), StartsWith("annotation:"));
  EXPECT_TRUE(first.changed());
  v1::AnnotateResponse again;
  ASSERT_TRUE(
      Annotate(Note("reorg: two people moved to platform"), &again).ok());
  EXPECT_EQ(again.id(), first.id());
  EXPECT_FALSE(again.changed());

  const v1::Narrative after = Payments();
  ASSERT_EQ(after.context_size(), 1);
  EXPECT_EQ(after.context(0).id(), first.id());
  EXPECT_EQ(after.context(0).author(), "maria");
  EXPECT_EQ(after.context(0).text(), "reorg: two people moved to platform");
  EXPECT_EQ(after.context(0).at().seconds(),
            absl::ToUnixSeconds(kNow - absl::Hours(48)));
  EXPECT_THAT(after.markdown(),
              HasSubstr("## Context\n\nWhat people noted about these weeks "
                        "(context, not evidence):\n\n- 2026-11-24, maria: "
                        "reorg: two people moved to platform\n"));
  // Context, not evidence: the story's findings and headline stay.
  EXPECT_EQ(after.headline(), before.headline());
  EXPECT_EQ(after.findings_size(), before.findings_size());
}

TEST_F(AnnotationServiceTest, ItsAuthorCorrectsItInPlace) {
  v1::AnnotateResponse first;
  ASSERT_TRUE(Annotate(Note("launch on monday"), &first).ok());
  v1::AnnotateRequest correction = Note("launch moved to tuesday");
  correction.set_id(first.id());
  v1::AnnotateResponse corrected;
  ASSERT_TRUE(Annotate(correction, &corrected).ok());
  EXPECT_EQ(corrected.id(), first.id());
  EXPECT_TRUE(corrected.changed());
  const v1::Narrative narrative = Payments();
  ASSERT_EQ(narrative.context_size(), 1);
  EXPECT_EQ(narrative.context(0).text(), "launch moved to tuesday");

  // Another author may not.
  correction.set_author("sam");
  correction.set_text("no launch at all");
  grpc::Status status = Annotate(correction, &corrected);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message(),
            "annotation \"" + first.id() +
                "\" was written by \"maria\" with token \"local\": only its "
                "author may correct it");
  // Nor may it move to another team, or name an id that is no annotation.
  correction.set_author("maria");
  correction.set_team("search");
  status = Annotate(correction, &corrected);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "team \"search\" has no annotation \"" +
                                        first.id() + "\" to correct");
  EXPECT_EQ(Payments().context(0).text(), "launch moved to tuesday");
}

TEST_F(AnnotationServiceTest, BadRequestsAreRefusedNamingTheField) {
  const struct {
    v1::AnnotateRequest request;
    grpc::StatusCode code;
    std::string message;
  } cases[] = {
      {Note(""), grpc::StatusCode::INVALID_ARGUMENT, "text: must not be empty"},
      {Note("two\nlines"), grpc::StatusCode::INVALID_ARGUMENT,
       "text: must be one line"},
      {Note(std::string(501, 'x')), grpc::StatusCode::INVALID_ARGUMENT,
       "text: is 501 bytes, over the limit of 500"},
      {Note("tomorrow", kNow + absl::Hours(48)),
       grpc::StatusCode::INVALID_ARGUMENT, "at: "},
  };
  for (const auto& c : cases) {
    v1::AnnotateResponse response;
    const grpc::Status status = Annotate(c.request, &response);
    EXPECT_EQ(status.error_code(), c.code) << c.message;
    EXPECT_THAT(status.error_message(), StartsWith(c.message));
  }
  v1::AnnotateRequest unknown = Note("who?");
  unknown.set_team("billing");
  v1::AnnotateResponse response;
  const grpc::Status status = Annotate(unknown, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(),
            "no team named \"billing\"; known teams: payments, search");
  EXPECT_EQ(Payments().context_size(), 0);
}

TEST_F(AnnotationServiceTest, WithoutATimeItIsNowAndWithoutAnAuthorTheToken) {
  v1::AnnotateRequest request;
  request.set_team("payments");
  request.set_text("on-call handover changed");
  v1::AnnotateResponse response;
  ASSERT_TRUE(Annotate(request, &response).ok());
  const v1::Narrative narrative = Payments();
  ASSERT_EQ(narrative.context_size(), 1);
  EXPECT_EQ(narrative.context(0).at().seconds(), absl::ToUnixSeconds(kNow));
  EXPECT_EQ(narrative.context(0).author(), "local");
}

}  // namespace
}  // namespace teamload::api
