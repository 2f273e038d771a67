#include "lks/core/status.h"

#include <gtest/gtest.h>

namespace lks {
namespace {

// The one status -> HTTP table (grpc-gateway's, failed_precondition 409) and the override a
// status may carry.
TEST(Status, HttpStatusTable) {
  EXPECT_EQ(HttpStatusForCode(StatusCode::kOk), 200);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kCancelled), 499);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kUnknown), 500);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kDeadlineExceeded), 504);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kAborted), 409);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kOutOfRange), 400);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kUnimplemented), 501);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kInternal), 500);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kDataLoss), 500);
  EXPECT_EQ(HttpStatusForCode(StatusCode::kUnauthenticated), 401);

  EXPECT_EQ(HttpStatusFor(OkStatus()), 200);
  EXPECT_EQ(HttpStatusFor(ResourceExhaustedError("full")), 429);
  EXPECT_EQ(HttpStatusFor(ResourceExhaustedError("full").WithHttpStatus(409)), 409);
  // A remote answer that is no error status does not become the answer.
  EXPECT_EQ(HttpStatusFor(InternalError("bad body").WithHttpStatus(200)), 500);
}

TEST(Status, OkHasNoDetail) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_TRUE(Status(StatusCode::kOk, "ignored").ok());
}

TEST(Status, CarriesCodeMessageReasonHttpAndMeta) {
  Status s = InvalidArgumentError("title: longer than 200 characters")
                 .WithReason("too_long")
                 .WithHttpStatus(400)
                 .WithMeta("field", "title");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "title: longer than 200 characters");
  EXPECT_EQ(s.reason(), "too_long");
  EXPECT_EQ(s.http_status(), 400);
  ASSERT_EQ(s.meta().size(), 1u);
  EXPECT_EQ(s.meta()[0].second, "title");
  EXPECT_EQ(s.ToString(), "invalid_argument: title: longer than 200 characters");
  Status copy = s;
  EXPECT_EQ(copy.reason(), "too_long");
  EXPECT_EQ(s.Annotate("create group").message(),
            "create group: title: longer than 200 characters");
}

TEST(Status, CodeNamesMatchTwirp) {
  EXPECT_STREQ(StatusCodeName(StatusCode::kCancelled), "canceled");
  EXPECT_STREQ(StatusCodeName(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_STREQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
}

TEST(StatusOr, HoldsValueOrError) {
  StatusOr<int> v = 42;
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 42);
  StatusOr<int> e = NotFoundError("group 7: not found");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kNotFound);
  StatusOr<int> bad = Status();  // OK without a value is a bug, reported as internal
  EXPECT_EQ(bad.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace lks
