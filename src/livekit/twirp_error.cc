#include "livekit/twirp_error.h"

#include <cctype>
#include <string>

#include "core/json_reader.h"

namespace lks::internal {

StatusCode TwirpCodeToStatusCode(std::string_view c) {
  struct Entry {
    std::string_view twirp;
    StatusCode code;
  };
  static constexpr Entry kMap[] = {
      {"canceled", StatusCode::kCancelled},
      {"invalid_argument", StatusCode::kInvalidArgument},
      {"malformed", StatusCode::kInvalidArgument},
      {"deadline_exceeded", StatusCode::kDeadlineExceeded},
      {"not_found", StatusCode::kNotFound},
      {"bad_route", StatusCode::kUnimplemented},
      {"already_exists", StatusCode::kAlreadyExists},
      {"permission_denied", StatusCode::kPermissionDenied},
      {"unauthenticated", StatusCode::kUnauthenticated},
      {"resource_exhausted", StatusCode::kResourceExhausted},
      {"failed_precondition", StatusCode::kFailedPrecondition},
      {"aborted", StatusCode::kAborted},
      {"out_of_range", StatusCode::kOutOfRange},
      {"unimplemented", StatusCode::kUnimplemented},
      {"internal", StatusCode::kInternal},
      {"unavailable", StatusCode::kUnavailable},
      {"data_loss", StatusCode::kDataLoss},
      {"unknown", StatusCode::kUnknown},
  };
  for (const Entry& e : kMap) {
    if (e.twirp == c) return e.code;
  }
  return StatusCode::kUnknown;
}

StatusCode HttpStatusToStatusCode(int s) {
  switch (s) {
    case 400:
      return StatusCode::kInvalidArgument;
    case 401:
      return StatusCode::kUnauthenticated;
    case 403:
      return StatusCode::kPermissionDenied;
    case 404:
      return StatusCode::kNotFound;
    case 408:
      return StatusCode::kDeadlineExceeded;
    case 409:
      return StatusCode::kAborted;
    case 412:
      return StatusCode::kFailedPrecondition;
    case 413:
      return StatusCode::kResourceExhausted;
    case 429:
      return StatusCode::kResourceExhausted;
    case 451:
      return StatusCode::kFailedPrecondition;
    case 499:
      return StatusCode::kCancelled;
    case 500:
      return StatusCode::kInternal;
    case 501:
      return StatusCode::kUnimplemented;
    case 502:
    case 503:
    case 504:
      return StatusCode::kUnavailable;
    default:
      break;
  }
  if (s >= 500) return StatusCode::kInternal;
  if (s >= 400) return StatusCode::kFailedPrecondition;
  return StatusCode::kUnknown;
}

std::string RedactTokens(std::string_view text, size_t max) {
  std::string out;
  out.reserve(std::min(text.size(), max));
  for (size_t i = 0; i < text.size() && out.size() < max;) {
    if (text.compare(i, 3, "eyJ") == 0) {
      size_t j = i;
      while (j < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '-' ||
              text[j] == '_' || text[j] == '.' || text[j] == '=')) {
        ++j;
      }
      out += "<token>";
      i = j;
      continue;
    }
    char c = text[i++];
    out.push_back((c == '\n' || c == '\r' || c == '\t') ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Status TwirpErrorToStatus(std::string_view method, int http_status, std::string_view body) {
  rapidjson::Document doc;
  if (ParseJson(body, &doc, "error").ok() && doc.IsObject()) {
    std::string code, msg;
    if (ReadString(doc, "code", &code).ok() && ReadString(doc, "msg", &msg).ok() && !code.empty()) {
      // The code is the server's word, but an answer from a proxy can carry anything: it goes
      // into messages and logs, so it is redacted like the text (found by tests/fuzz).
      code = RedactTokens(code, 64);
      Status s(TwirpCodeToStatusCode(code),
               std::string(method) + ": " + (msg.empty() ? code : RedactTokens(msg)));
      if (s.ok()) s = Status(StatusCode::kUnknown, std::string(method) + ": " + code);
      s.SetReason(code).SetHttpStatus(http_status);
      if (const JsonValue* meta = FindMember(doc, "meta"); meta && meta->IsObject()) {
        for (auto it = meta->MemberBegin(); it != meta->MemberEnd(); ++it) {
          std::string value = it->value.IsString()
                                  ? std::string(it->value.GetString(), it->value.GetStringLength())
                                  : ToJson(it->value);
          s = std::move(s).WithMeta(
              RedactTokens(std::string_view(it->name.GetString(), it->name.GetStringLength()), 64),
              RedactTokens(value));
        }
      }
      return s;
    }
  }
  StatusCode code = HttpStatusToStatusCode(http_status);
  std::string text = RedactTokens(body, 200);
  std::string msg = std::string(method) + ": HTTP " + std::to_string(http_status);
  if (!text.empty()) msg += ": " + text;
  if (code == StatusCode::kOk) code = StatusCode::kUnknown;
  return Status(code, std::move(msg)).WithReason(StatusCodeName(code)).WithHttpStatus(http_status);
}

}  // namespace lks::internal
