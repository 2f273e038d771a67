#include "lks/core/status.h"

namespace lks {

const char* StatusCodeName(StatusCode code) noexcept {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kCancelled:
      return "canceled";
    case StatusCode::kUnknown:
      return "unknown";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kDeadlineExceeded:
      return "deadline_exceeded";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kPermissionDenied:
      return "permission_denied";
    case StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kAborted:
      return "aborted";
    case StatusCode::kOutOfRange:
      return "out_of_range";
    case StatusCode::kUnimplemented:
      return "unimplemented";
    case StatusCode::kInternal:
      return "internal";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kDataLoss:
      return "data_loss";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
  }
  return "unknown";
}

int HttpStatusForCode(StatusCode code) noexcept {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kCancelled:
      return 499;
    case StatusCode::kInvalidArgument:
    case StatusCode::kOutOfRange:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kAborted:
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnimplemented:
      return 501;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kDeadlineExceeded:
      return 504;
    case StatusCode::kUnknown:
    case StatusCode::kInternal:
    case StatusCode::kDataLoss:
      return 500;
  }
  return 500;
}

int HttpStatusFor(const Status& status) noexcept {
  // A remote answer outside 4xx/5xx (a 200 with a body that is not what was asked for) is no
  // status to answer with.
  if (status.http_status() >= 400 && status.http_status() <= 599) return status.http_status();
  return HttpStatusForCode(status.code());
}

namespace {
const std::string& EmptyString() {
  static const std::string* empty = new std::string();
  return *empty;
}
const std::vector<std::pair<std::string, std::string>>& EmptyMeta() {
  static const auto* empty = new std::vector<std::pair<std::string, std::string>>();
  return *empty;
}
}  // namespace

Status::Status(StatusCode code, std::string message) {
  if (code == StatusCode::kOk) return;
  rep_ = std::make_unique<Rep>();
  rep_->code = code;
  rep_->message = std::move(message);
}

Status::Status(const Status& other)
    : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
  return *this;
}

StatusCode Status::code() const noexcept { return rep_ ? rep_->code : StatusCode::kOk; }
const std::string& Status::message() const noexcept { return rep_ ? rep_->message : EmptyString(); }
const std::string& Status::reason() const noexcept { return rep_ ? rep_->reason : EmptyString(); }
int Status::http_status() const noexcept { return rep_ ? rep_->http_status : 0; }
const std::vector<std::pair<std::string, std::string>>& Status::meta() const noexcept {
  return rep_ ? rep_->meta : EmptyMeta();
}

Status&& Status::WithReason(std::string reason) && {
  SetReason(std::move(reason));
  return std::move(*this);
}
Status&& Status::WithHttpStatus(int http_status) && {
  SetHttpStatus(http_status);
  return std::move(*this);
}
Status&& Status::WithMeta(std::string key, std::string value) && {
  if (rep_) rep_->meta.emplace_back(std::move(key), std::move(value));
  return std::move(*this);
}
Status& Status::SetReason(std::string reason) & {
  if (rep_) rep_->reason = std::move(reason);
  return *this;
}
Status& Status::SetHttpStatus(int http_status) & {
  if (rep_) rep_->http_status = http_status;
  return *this;
}

Status Status::Annotate(std::string_view context) const {
  Status copy(*this);
  if (copy.rep_) {
    std::string m;
    m.reserve(context.size() + 2 + copy.rep_->message.size());
    m.append(context).append(": ").append(copy.rep_->message);
    copy.rep_->message = std::move(m);
  }
  return copy;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s = StatusCodeName(rep_->code);
  s += ": ";
  s += rep_->message;
  return s;
}

Status InvalidArgumentError(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
Status NotFoundError(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
Status AlreadyExistsError(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
Status PermissionDeniedError(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
Status UnauthenticatedError(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
Status FailedPreconditionError(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
Status ResourceExhaustedError(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}
Status UnavailableError(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
Status DeadlineExceededError(std::string m) {
  return {StatusCode::kDeadlineExceeded, std::move(m)};
}
Status InternalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
Status UnimplementedError(std::string m) { return {StatusCode::kUnimplemented, std::move(m)}; }
Status OutOfRangeError(std::string m) { return {StatusCode::kOutOfRange, std::move(m)}; }
Status DataLossError(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
Status AbortedError(std::string m) { return {StatusCode::kAborted, std::move(m)}; }

}  // namespace lks
