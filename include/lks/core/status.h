// Status and StatusOr<T>: expected failures as values.
//
// Every fallible lkstudy call returns a Status (or a StatusOr<T> carrying a value on success).
// A Status has a canonical code (numbered like google.rpc.Code, the same numbers as lks_status
// in the C ABI), a message that names the field and the reason, and optional detail:
//   - reason: a short machine-readable word ("expired", "bad_signature", ...) for callers that
//     branch on the kind of failure without parsing the message;
//   - http_status: the HTTP status of a remote failure, or the one a REST layer should answer;
//   - meta: key/value detail (Twirp's "meta", for example).
// An OK Status holds no allocation. Messages never contain secrets or tokens.
//
// Thread-safety: a Status is a value; distinct objects may be used from distinct threads.
#ifndef LKS_CORE_STATUS_H_
#define LKS_CORE_STATUS_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lks {

// Canonical codes, numbered as google.rpc.Code and lks_status.
enum class StatusCode : int {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// The lower-case snake_case name of a code ("invalid_argument"), as Twirp spells them
// ("canceled" for kCancelled). Never null.
const char* StatusCodeName(StatusCode code) noexcept;

// The HTTP status that stands for `code`: the project's one table, read by the REST API, by the C
// ABI (lks_error.http_status, lks_status_http_status) and through it by every binding. It is
// grpc-gateway's mapping of google.rpc codes (cancelled 499, invalid_argument and out_of_range
// 400, deadline_exceeded 504, not_found 404, already_exists and aborted 409, permission_denied
// 403, unauthenticated 401, resource_exhausted 429, unimplemented 501, unavailable 503, unknown,
// internal and data_loss 500), except failed_precondition, which is 409 Conflict: the request is
// fine but conflicts with the resource's state (400 would blame the request, and 412 is HTTP's
// answer to conditional headers, which lkstudy does not take). kOk is 200.
int HttpStatusForCode(StatusCode code) noexcept;

class Status;
// The HTTP status to answer for `status`: its http_status() when that is a 4xx or 5xx (a remote
// server's answer, or one chosen where the error was made, such as 409 for a full group),
// otherwise HttpStatusForCode(status.code()).
int HttpStatusFor(const Status& status) noexcept;

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() noexcept = default;
  // A status with `code` and `message`. A kOk code makes an OK status and drops the message.
  Status(StatusCode code, std::string message);

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  bool ok() const noexcept { return rep_ == nullptr; }
  StatusCode code() const noexcept;
  // Empty for an OK status.
  const std::string& message() const noexcept;
  // Machine-readable reason, empty when none was set.
  const std::string& reason() const noexcept;
  // HTTP status of a remote failure or the one to answer with; 0 when none was set.
  int http_status() const noexcept;
  const std::vector<std::pair<std::string, std::string>>& meta() const noexcept;

  // Builders; they do nothing on an OK status.
  Status&& WithReason(std::string reason) &&;
  Status&& WithHttpStatus(int http_status) &&;
  Status&& WithMeta(std::string key, std::string value) &&;
  Status& SetReason(std::string reason) &;
  Status& SetHttpStatus(int http_status) &;

  // A copy whose message is prefixed with "<context>: ".
  Status Annotate(std::string_view context) const;

  // "<code name>: <message>" or "ok".
  std::string ToString() const;

 private:
  struct Rep {
    StatusCode code;
    std::string message;
    std::string reason;
    int http_status = 0;
    std::vector<std::pair<std::string, std::string>> meta;
  };
  std::unique_ptr<Rep> rep_;
};

inline Status OkStatus() noexcept { return Status(); }
Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status PermissionDeniedError(std::string message);
Status UnauthenticatedError(std::string message);
Status FailedPreconditionError(std::string message);
Status ResourceExhaustedError(std::string message);
Status UnavailableError(std::string message);
Status DeadlineExceededError(std::string message);
Status InternalError(std::string message);
Status UnimplementedError(std::string message);
Status OutOfRangeError(std::string message);
Status DataLossError(std::string message);
Status AbortedError(std::string message);

// A value of T or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  // From an error status. Passing an OK status is a programming error: it becomes kInternal.
  StatusOr(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(v_).ok()) {
      v_ = Status(StatusCode::kInternal, "StatusOr constructed from an OK status without a value");
    }
  }
  StatusOr(const T& value) : v_(value) {}        // NOLINT(google-explicit-constructor)
  StatusOr(T&& value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // A value constructed in place from `args` (no move of a large T into the StatusOr).
  template <typename... Args>
  explicit StatusOr(std::in_place_t, Args&&... args)
      : v_(std::in_place_index<1>, std::forward<Args>(args)...) {}

  bool ok() const noexcept { return v_.index() == 1; }
  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // Precondition: ok().
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace lks

// Returns early with the status of `expr` when it is not OK.
#define LKS_RETURN_IF_ERROR(expr)                      \
  do {                                                 \
    ::lks::Status lks_status_tmp_ = (expr);            \
    if (!lks_status_tmp_.ok()) return lks_status_tmp_; \
  } while (0)

#endif  // LKS_CORE_STATUS_H_
