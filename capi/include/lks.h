/*
 * lks.h — the C ABI of lkstudy.
 *
 * This header is the contract: every function is documented where it is declared, with
 * ownership, thread-safety and errors. It compiles as strict C99 and as C++.
 *
 * Conventions (see docs/error-handling.md, docs/threading.md, docs/api-stability.md):
 *  - Every fallible function returns an lks_status. LKS_OK (0) is success; other values are the
 *    canonical codes (numbered like google.rpc.Code). Detail of the failure — a message naming
 *    the field and the reason, a machine-readable reason, an HTTP status — is kept per thread and
 *    read with lks_error_last() right after the failing call.
 *  - Names are lks_<handle>_<verb> (libgit2's rule): a function acting on an lks_room_client is
 *    lks_room_client_<verb>, e.g. lks_room_client_create_room; getters are lks_<handle>_<noun>.
 *    Functions without a subject handle are lks_<module>_<verb> (lks_webhook_sign).
 *  - Outputs come first, the subject handle next, inputs last.
 *  - Integers are int64_t (durations, counts, ids, HTTP statuses, versions); byte lengths are
 *    size_t; flags are int (0 = off, anything else = on); enums are int-sized.
 *  - Strings in are borrowed pointer+length pairs (need not be NUL-terminated; NULL with length 0
 *    is the empty string); they are copied if kept.
 *  - Bytes out are returned in an lks_buf that the caller releases with lks_buf_dispose().
 *  - Handles come in lks_<x>_new / lks_<x>_free pairs; every _free accepts NULL.
 *  - No function throws, longjmps or aborts on bad input.
 *  - Only symbols starting with lks_ are exported by the shared library.
 *
 * Linking on Windows: LKS_API is dllimport unless the includer defines LKS_STATIC (linking the
 * static library; the lkstudy_static CMake target defines it for its users) or LKS_BUILDING
 * (compiling lkstudy itself, which then exports). Elsewhere LKS_API only sets default visibility.
 */
#ifndef LKS_H_
#define LKS_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(LKS_STATIC)
#define LKS_API
#elif defined(LKS_BUILDING)
#define LKS_API __declspec(dllexport)
#else
#define LKS_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define LKS_API __attribute__((visibility("default")))
#else
#define LKS_API
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions
 * ------------------------------------------------------------------------------------------- */

/* LKS_VERSION_MAJOR, _MINOR, _PATCH, LKS_VERSION_STRING ("MAJOR.MINOR.PATCH") and
 * LKS_VERSION_NUMBER (MAJOR * 1000000 + MINOR * 1000 + PATCH), generated from the build's
 * project(VERSION). */
#include "lks/core/version.h"

/* The version of the library actually linked, as LKS_VERSION_NUMBER. A host compiled against one
 * header and run with another library can compare the two at start-up. Thread-safe. */
LKS_API int64_t lks_version_number(void);

/* The linked library's version as "MAJOR.MINOR.PATCH"; a static string. Thread-safe. */
LKS_API const char* lks_version_string(void);

/* ---------------------------------------------------------------------------------------------
 * Status and errors
 * ------------------------------------------------------------------------------------------- */

typedef enum lks_status {
  LKS_OK = 0,
  LKS_CANCELLED = 1,
  LKS_UNKNOWN = 2,
  LKS_INVALID_ARGUMENT = 3,
  LKS_DEADLINE_EXCEEDED = 4,
  LKS_NOT_FOUND = 5,
  LKS_ALREADY_EXISTS = 6,
  LKS_PERMISSION_DENIED = 7,
  LKS_RESOURCE_EXHAUSTED = 8,
  LKS_FAILED_PRECONDITION = 9,
  LKS_ABORTED = 10,
  LKS_OUT_OF_RANGE = 11,
  LKS_UNIMPLEMENTED = 12,
  LKS_INTERNAL = 13,
  LKS_UNAVAILABLE = 14,
  LKS_DATA_LOSS = 15,
  LKS_UNAUTHENTICATED = 16,
  /* Not a value: keeps the type int-sized, so any int a host passes is representable. */
  LKS_STATUS_MAX_ENUM = 0x7FFFFFFF
} lks_status;

/* Detail of the last failure on the calling thread. */
typedef struct lks_error {
  lks_status code;     /* the status the failing call returned */
  const char* message; /* names the field and the reason; never a secret or a token */
  const char* reason;  /* machine-readable word ("expired", "bad_signature", ...) or "" */
  /* The HTTP status an HTTP API answers for this failure: a remote server's answer
   * (livekit-server's 404, ...) when the failure came from one, else lks_status_http_status(code)
   * or the status the layer that failed chose (409 for a full group). The REST API answers with the
   * same. */
  int64_t http_status;
} lks_error;

/* The detail of the last failed lks_ call on this thread. Never NULL (libgit2's promise): after a
 * call that succeeded, or before any call, it is a static "no error" record with code LKS_OK,
 * message "no error", reason "" and http_status 0. The pointer and its strings stay valid until
 * the next lks_ call on the same thread. Thread-safe (thread-local). */
LKS_API const lks_error* lks_error_last(void);

/* The lower-case name of a status ("invalid_argument"; "canceled" for LKS_CANCELLED, as Twirp
 * spells it); "" for a value that is no lks_status. A static string, never NULL. Bindings walk
 * 0, 1, 2, ... until "" to list every status this library has. */
LKS_API const char* lks_status_name(lks_status status);

/* The HTTP status that stands for `status`: 200 for LKS_OK, then grpc-gateway's table (cancelled
 * 499, invalid_argument and out_of_range 400, unauthenticated 401, permission_denied 403,
 * not_found 404, already_exists, aborted and failed_precondition 409, resource_exhausted 429,
 * unimplemented 501, unavailable 503, deadline_exceeded 504, others 500); 500 for a value that is
 * no lks_status. The one table of lkstudy: the REST API and every binding use it. */
LKS_API int64_t lks_status_http_status(lks_status status);

/* ---------------------------------------------------------------------------------------------
 * Buffers
 * ------------------------------------------------------------------------------------------- */

/* Bytes returned by the library. `ptr` is NUL-terminated (not counted in `size`) so text results
 * can be used as C strings. Initialize with LKS_BUF_INIT; release with lks_buf_dispose. */
typedef struct lks_buf {
  char* ptr;
  size_t size;
} lks_buf;

#define LKS_BUF_INIT \
  { NULL, 0 }

/* Frees the bytes of `buf` and resets it to empty. NULL-safe; disposing twice is harmless.
 * A function that fills an lks_buf disposes of its previous content first. */
LKS_API void lks_buf_dispose(lks_buf* buf);

/* Copies `len` bytes into `*buf` (replacing its content), for host backends that must hand
 * bytes to the library. Errors: LKS_INVALID_ARGUMENT (NULL buf), LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_buf_set(lks_buf* buf, const char* bytes, size_t len);

/* ---------------------------------------------------------------------------------------------
 * Access tokens
 * ------------------------------------------------------------------------------------------- */

/* The claims of a token to mint: identity, name, metadata, attributes, grants, validity.
 * Thread-safety: not for concurrent mutation; a fully set options handle may be read by several
 * lks_token_signer_mint calls at once. */
typedef struct lks_token_options lks_token_options;

/* Creates empty options (TTL 6 h, nbf = now). Errors: LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_token_options_new(lks_token_options** out);
/* Frees `opts`. NULL-safe. */
LKS_API void lks_token_options_free(lks_token_options* opts);

/* Setters copy their input. They fail only for NULL `opts` (LKS_INVALID_ARGUMENT); values are
 * checked when the token is minted, with an error naming the field. */
LKS_API lks_status lks_token_options_set_identity(lks_token_options* opts, const char* identity,
                                                  size_t len);
LKS_API lks_status lks_token_options_set_name(lks_token_options* opts, const char* name,
                                              size_t len);
LKS_API lks_status lks_token_options_set_metadata(lks_token_options* opts, const char* metadata,
                                                  size_t len);
/* Sets (or replaces) one participant attribute. */
LKS_API lks_status lks_token_options_set_attribute(lks_token_options* opts, const char* key,
                                                   size_t key_len, const char* value,
                                                   size_t value_len);
/* kind: "standard", "egress", "ingress", "sip" or "agent". */
LKS_API lks_status lks_token_options_set_kind(lks_token_options* opts, const char* kind,
                                              size_t len);
/* Validity: exp = now + ttl_seconds (must be > 0 when minting). */
LKS_API lks_status lks_token_options_set_ttl_seconds(lks_token_options* opts, int64_t ttl_seconds);
/* Absolute nbf in Unix seconds (default: the time of minting). */
LKS_API lks_status lks_token_options_set_not_before(lks_token_options* opts, int64_t unix_seconds);
LKS_API lks_status lks_token_options_set_sha256(lks_token_options* opts, const char* sha256,
                                                size_t len);
LKS_API lks_status lks_token_options_set_room_preset(lks_token_options* opts, const char* preset,
                                                     size_t len);
/* A RoomConfiguration as a camelCase JSON object. */
LKS_API lks_status lks_token_options_set_room_config_json(lks_token_options* opts, const char* json,
                                                          size_t len);
/* Merges a VideoGrant given as camelCase JSON, the shape of the SDKs' addGrant:
 * {"roomJoin":true,"room":"r","canPublish":true,...}. Booleans set to true stay set; strings,
 * lists and the tri-states canPublish/canSubscribe/canPublishData are replaced when present.
 * Errors: LKS_INVALID_ARGUMENT for invalid JSON or a key of the wrong type (opts unchanged). */
LKS_API lks_status lks_token_options_add_video_grant_json(lks_token_options* opts, const char* json,
                                                          size_t len);
/* Sets the SIP grant (non-zero = granted). */
LKS_API lks_status lks_token_options_set_sip_grant(lks_token_options* opts, int admin, int call);
/* Sets the agent grant (the `agent` claim: manage LiveKit Cloud agents; non-zero = granted). */
LKS_API lks_status lks_token_options_set_agent_grant(lks_token_options* opts, int admin);
/* Sets the inference grant (the `inference` claim; non-zero = may perform inference). */
LKS_API lks_status lks_token_options_set_inference_grant(lks_token_options* opts, int perform);
/* Sets the observability grant (the `observability` claim; non-zero = may write observability
 * data). */
LKS_API lks_status lks_token_options_set_observability_grant(lks_token_options* opts, int write);

/* An API key with the precomputed HMAC state of its secret. Immutable: thread-safe for any number
 * of concurrent lks_token_signer_mint calls. The secret is not kept in memory. */
typedef struct lks_token_signer lks_token_signer;

/* Creates a signer. Errors: LKS_INVALID_ARGUMENT for an empty key or secret. */
LKS_API lks_status lks_token_signer_new(lks_token_signer** out, const char* api_key,
                                        size_t api_key_len, const char* api_secret,
                                        size_t api_secret_len);
/* Frees `signer`. NULL-safe. */
LKS_API void lks_token_signer_free(lks_token_signer* signer);

/* Mints the JWT for `opts` into `out` (text, NUL-terminated).
 * Errors: LKS_INVALID_ARGUMENT naming the field (e.g. "identity: required when video.roomJoin is
 * granted", "name: longer than 256 bytes"). On error `out` is empty. */
LKS_API lks_status lks_token_signer_mint(lks_buf* out, const lks_token_signer* signer,
                                         const lks_token_options* opts);
/* The same, into the caller's `dst` of `capacity` bytes (NUL-terminated), for hot paths that
 * mint into a reused or stack buffer: no allocation per token once a thread has minted once.
 * `*length` receives the JWT's length (without the NUL) on success and the length needed on
 * LKS_OUT_OF_RANGE (dst too small; nothing written). Other errors as lks_token_signer_mint. */
LKS_API lks_status lks_token_signer_mint_to(char* dst, size_t capacity, size_t* length,
                                            const lks_token_signer* signer,
                                            const lks_token_options* opts);

/* Verifies tokens signed by any of a set of API keys (several for rotation). Configure with
 * lks_token_verifier_add_key / _set_leeway_seconds before sharing; lks_token_verifier_verify is
 * then thread-safe. */
typedef struct lks_token_verifier lks_token_verifier;

/* Creates a verifier with no keys and a 60 s leeway. Errors: LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_token_verifier_new(lks_token_verifier** out);
/* Frees `verifier`. NULL-safe. */
LKS_API void lks_token_verifier_free(lks_token_verifier* verifier);
/* Adds (or replaces) an API key and its secret. Not thread-safe against concurrent verifies.
 * Errors: LKS_INVALID_ARGUMENT for an empty key or secret. */
LKS_API lks_status lks_token_verifier_add_key(lks_token_verifier* verifier, const char* api_key,
                                              size_t api_key_len, const char* api_secret,
                                              size_t api_secret_len);
/* Tolerance applied to nbf and exp (default 60). Errors: LKS_INVALID_ARGUMENT if negative. */
LKS_API lks_status lks_token_verifier_set_leeway_seconds(lks_token_verifier* verifier,
                                                         int64_t seconds);

/* Verifies `token` (HS256 only, exp required) and writes its claims as a JSON object into
 * `claims_json`:
 * {"iss","sub","name","metadata","attributes","video":{...},"sip","kind","nbf","exp",...}, defaults
 * omitted. Errors: LKS_UNAUTHENTICATED with lks_error_last()->reason one of "malformed",
 * "bad_base64", "unsupported_alg", "unknown_key", "bad_signature", "missing_exp", "expired",
 * "not_yet_valid". */
LKS_API lks_status lks_token_verifier_verify(lks_buf* claims_json,
                                             const lks_token_verifier* verifier, const char* token,
                                             size_t token_len);

/* ---------------------------------------------------------------------------------------------
 * Webhooks
 * ------------------------------------------------------------------------------------------- */

/* The event names livekit-server sends (WebhookEvent.event). LKS_WEBHOOK_EVENT_UNKNOWN stands for
 * a name this version does not know: such a delivery is still accepted (the name is in the JSON).
 */
typedef enum lks_webhook_event_type {
  LKS_WEBHOOK_EVENT_UNKNOWN = 0,
  LKS_WEBHOOK_EVENT_ROOM_STARTED = 1,
  LKS_WEBHOOK_EVENT_ROOM_FINISHED = 2,
  LKS_WEBHOOK_EVENT_PARTICIPANT_JOINED = 3,
  LKS_WEBHOOK_EVENT_PARTICIPANT_LEFT = 4,
  LKS_WEBHOOK_EVENT_PARTICIPANT_CONNECTION_ABORTED = 5,
  LKS_WEBHOOK_EVENT_TRACK_PUBLISHED = 6,
  LKS_WEBHOOK_EVENT_TRACK_UNPUBLISHED = 7,
  LKS_WEBHOOK_EVENT_EGRESS_STARTED = 8,
  LKS_WEBHOOK_EVENT_EGRESS_UPDATED = 9,
  LKS_WEBHOOK_EVENT_EGRESS_ENDED = 10,
  LKS_WEBHOOK_EVENT_INGRESS_STARTED = 11,
  LKS_WEBHOOK_EVENT_INGRESS_ENDED = 12,
  LKS_WEBHOOK_EVENT_AGENT_JOB_STARTED = 13,
  LKS_WEBHOOK_EVENT_AGENT_JOB_ENDED = 14,
  /* Not a value: keeps the type int-sized, so any int a host passes is representable. */
  LKS_WEBHOOK_EVENT_MAX_ENUM = 0x7FFFFFFF
} lks_webhook_event_type;

/* Which JSON lks_webhook_receiver_receive writes. */
typedef enum lks_webhook_output {
  /* The verified body itself, byte for byte: LiveKit's WebhookEvent as camelCase protojson,
   * defaults omitted, int64 as strings, every field the server sent (also ones lkstudy does not
   * model). */
  LKS_WEBHOOK_OUTPUT_RAW = 0,
  /* lkstudy's typed view: {"event","id","createdAt","room","participant","track","egressInfo",
   * "ingressInfo","job","roomEndReason","numDropped"} with every modelled field present (enums as
   * names such as "EGRESS_COMPLETE", int64 as strings), absent sub-objects omitted, unknown
   * fields dropped. Same keys as the raw form, so code can switch between the two. */
  LKS_WEBHOOK_OUTPUT_NORMALIZED = 1,
  /* Not a value: keeps the type int-sized, so any int a host passes is representable. */
  LKS_WEBHOOK_OUTPUT_MAX_ENUM = 0x7FFFFFFF
} lks_webhook_output;

/* Verifies and parses webhook deliveries from livekit-server. Configure with
 * lks_webhook_receiver_add_key / _set_leeway_seconds before sharing; lks_webhook_receiver_receive
 * and _verify are then thread-safe. */
typedef struct lks_webhook_receiver lks_webhook_receiver;

/* Creates a receiver with no keys and a 60 s leeway. Errors: LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_webhook_receiver_new(lks_webhook_receiver** out);
/* Frees `receiver`. NULL-safe. */
LKS_API void lks_webhook_receiver_free(lks_webhook_receiver* receiver);
/* Adds (or replaces) an API key and its secret (livekit-server's webhook.api_key; several during
 * rotation). Not thread-safe against concurrent receives.
 * Errors: LKS_INVALID_ARGUMENT for an empty key or secret. */
LKS_API lks_status lks_webhook_receiver_add_key(lks_webhook_receiver* receiver, const char* api_key,
                                                size_t api_key_len, const char* api_secret,
                                                size_t api_secret_len);
/* Tolerance applied to the token's nbf and exp (default 60). Errors: LKS_INVALID_ARGUMENT if
 * negative. */
LKS_API lks_status lks_webhook_receiver_set_leeway_seconds(lks_webhook_receiver* receiver,
                                                           int64_t seconds);

/* Checks one delivery and parses it. `body` must be the request body exactly as received (a
 * framework that re-serializes JSON changes the bytes and the check fails); `authorization` is the
 * Authorization header value, a bare JWT as livekit-server sends it or "Bearer <jwt>". Order:
 * the token is verified, then SHA-256 of the body against its sha256 claim (constant time), and
 * only then is the body parsed.
 * On success `event_json` holds the event in the form `output` selects, and `event_type` (may be
 * NULL) its lks_webhook_event_type.
 * Errors (lks_error_last()->reason):
 *   LKS_UNAUTHENTICATED (http_status 401): "missing_authorization"; the token's own reasons
 *     "malformed", "bad_base64", "unsupported_alg", "unknown_key", "bad_signature", "missing_exp",
 *     "expired", "not_yet_valid"; "missing_sha256" (token without sha256 claim); "body_mismatch".
 *   LKS_INVALID_ARGUMENT (http_status 400): "body_not_json" (authentic body that is not a JSON
 *     object), "bad_event" (a known field of the wrong type; the message names it), or a bad
 *     `output` value.
 * On error `event_json` is empty and `*event_type` is LKS_WEBHOOK_EVENT_UNKNOWN. */
LKS_API lks_status lks_webhook_receiver_receive(lks_buf* event_json,
                                                lks_webhook_event_type* event_type,
                                                const lks_webhook_receiver* receiver,
                                                const char* body, size_t body_len,
                                                const char* authorization, size_t authorization_len,
                                                lks_webhook_output output);

/* Only the authenticity checks of lks_webhook_receiver_receive (no parsing), for hosts that store
 * the raw body and parse it later. Errors: the LKS_UNAUTHENTICATED reasons above. */
LKS_API lks_status lks_webhook_receiver_verify(const lks_webhook_receiver* receiver,
                                               const char* body, size_t body_len,
                                               const char* authorization, size_t authorization_len);

/* The event name of a type ("room_started", ...; "" for LKS_WEBHOOK_EVENT_UNKNOWN or an
 * out-of-range value); a static string, never NULL. */
LKS_API const char* lks_webhook_event_type_name(lks_webhook_event_type type);

/* The Authorization header value livekit-server would send with `body`: a JWT signed with
 * `api_key`/`api_secret`, valid for `ttl_seconds` (livekit-server uses 300), whose sha256 claim is
 * the base64 SHA-256 of the body. For tests and relays. Thread-safe.
 * Errors: LKS_INVALID_ARGUMENT for an empty key or secret, or ttl_seconds <= 0. */
LKS_API lks_status lks_webhook_sign(lks_buf* authorization, const char* api_key, size_t api_key_len,
                                    const char* api_secret, size_t api_secret_len, const char* body,
                                    size_t body_len, int64_t ttl_seconds);

/* ---------------------------------------------------------------------------------------------
 * Study-group store (docs/storage.md)
 *
 * An lks_store keeps study groups, memberships, room sessions, attendance, webhook event ids and
 * removals. Open a built-in one from a URL, or wrap a host's own through lks_storage_backend.
 * Operations are named ("createGroup", "addMember", ...) and take and return JSON objects with
 * camelCase fields as in the REST API (maxParticipants, livekitRoomName, useLiveKit, ...); times
 * are ISO-8601 UTC strings on output and such strings or Unix milliseconds on input. The list of
 * operations with their request and response shapes is in docs/storage.md.
 *
 * Thread-safety: an lks_store may be used from many threads at once; lks_store_free must not
 * race with other calls on the same store.
 * ------------------------------------------------------------------------------------------- */

typedef struct lks_store lks_store;

/* Opens a built-in store and runs its migrations:
 *   "sqlite:PATH"       a SQLite file (created if missing; WAL mode)
 *   "sqlite::memory:"   a private in-memory SQLite database
 *   "postgres://..." or "postgresql://..."   PostgreSQL (a libpq connection URI)
 * Errors: LKS_INVALID_ARGUMENT (unknown scheme, message "url: ..."), LKS_UNAVAILABLE (cannot open
 * or reach the database), LKS_FAILED_PRECONDITION (schema newer than this library),
 * LKS_UNIMPLEMENTED (a postgres URL in a build without PostgreSQL). */
LKS_API lks_status lks_store_open(lks_store** out, const char* url, size_t url_len);

/* Frees `store` (closes its connections; for a host backend, calls its destroy). NULL-safe. */
LKS_API void lks_store_free(lks_store* store);

/* Runs operation `op` with the JSON object `request` (may be empty: "{}") and puts the JSON
 * result in `*out`. Errors: LKS_INVALID_ARGUMENT (bad request; the message names the field),
 * LKS_UNIMPLEMENTED (unknown op), LKS_NOT_FOUND, LKS_ALREADY_EXISTS, LKS_RESOURCE_EXHAUSTED
 * (reason "group_full"), LKS_FAILED_PRECONDITION, LKS_UNAVAILABLE, LKS_ABORTED, LKS_DATA_LOSS. */
LKS_API lks_status lks_store_execute(lks_buf* out, lks_store* store, const char* op, size_t op_len,
                                     const char* request, size_t request_len);

/* The schema version this library migrates built-in stores to. Thread-safe. */
LKS_API int64_t lks_store_schema_version(void);

/* A host-provided store. The host fills the struct and passes it to lks_store_open_backend,
 * which copies it. `execute` receives the same operation names and JSON requests as
 * lks_store_execute and must answer with the same JSON responses (filled with lks_buf_set);
 * on failure it returns the error's status and may fill `response` with
 * {"message":"<field>: <reason>","reason":"<word>"}. The store's semantics (atomic operations,
 * capacity checked atomically, idempotent marks) are the host's to keep; tests/storage runs the
 * conformance suite against such a backend.
 * Thread-safety: `execute` is called from any thread, possibly from several at once. `destroy`
 * (may be NULL) is called once, from lks_store_free. */
#define LKS_STORAGE_BACKEND_VERSION 1
typedef struct lks_storage_backend {
  int64_t version; /* LKS_STORAGE_BACKEND_VERSION */
  size_t size;     /* sizeof(lks_storage_backend) */
  void* user_data;
  lks_status (*execute)(void* user_data, const char* op, size_t op_len, const char* request,
                        size_t request_len, lks_buf* response);
  void (*destroy)(void* user_data);
} lks_storage_backend;

/* Wraps a host's backend as an lks_store. Input checks (field lengths, UTF-8, ranges) run in
 * the library before `execute` is called. Errors: LKS_INVALID_ARGUMENT (NULL backend or
 * execute, `size` too small), LKS_FAILED_PRECONDITION (a `version` this library does not know). */
LKS_API lks_status lks_store_open_backend(lks_store** out, const lks_storage_backend* backend);

/* ---------------------------------------------------------------------------------------------
 * App users (docs/rest-api.md)
 *
 * An lks_principal is a user of the host app as the study-group service sees it: the app's user
 * id (required), email, name and role ("admin" may moderate every group). The service trusts it
 * as given: the host authenticated the user. lks_app_token_mint signs one into the app JWT the
 * REST API accepts in "Authorization: Bearer <jwt>".
 * ------------------------------------------------------------------------------------------- */

/* An app user. Not for concurrent mutation; once set, any number of calls on any threads may read
 * it (they copy what they keep). */
typedef struct lks_principal lks_principal;

/* Creates an empty principal. Errors: LKS_INVALID_ARGUMENT (out NULL), LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_principal_new(lks_principal** out);
/* Frees `who`. NULL-safe. */
LKS_API void lks_principal_free(lks_principal* who);
/* Setters copy their input and fail only for a NULL `who` (LKS_INVALID_ARGUMENT). The user id is
 * checked where the principal is used: a call with an empty one or one longer than 255 bytes fails
 * with LKS_INVALID_ARGUMENT, "principal.userId: ...". */
LKS_API lks_status lks_principal_set_user_id(lks_principal* who, const char* user_id, size_t len);
LKS_API lks_status lks_principal_set_email(lks_principal* who, const char* email, size_t len);
LKS_API lks_status lks_principal_set_name(lks_principal* who, const char* name, size_t len);
/* The app's role word, e.g. "admin"; empty for a plain user. */
LKS_API lks_status lks_principal_set_role(lks_principal* who, const char* role, size_t len);

/* Mints an app user token (HS256 with `secret`) for `who` ({"sub","userId","email","name","role",
 * "iat","exp"}), valid for `ttl_seconds`: what a host app's login would issue; for tests and
 * tools. Thread-safe. Errors: LKS_INVALID_ARGUMENT (empty secret, no user id, ttl <= 0). */
LKS_API lks_status lks_app_token_mint(lks_buf* token, const char* secret, size_t secret_len,
                                      const lks_principal* who, int64_t ttl_seconds);

/* ---------------------------------------------------------------------------------------------
 * REST requests and responses (docs/embedding.md)
 *
 * What lks_service_handle_rest takes and gives: one HTTP request of the REST API as a host's web
 * framework received it, and the response to send back. Both are reusable: set a request again for
 * the next call, and pass the same response to the next lks_service_handle_rest (which replaces
 * its content).
 * ------------------------------------------------------------------------------------------- */

/* A request. Not for concurrent mutation; once set, several lks_service_handle_rest calls may read
 * it at once. */
typedef struct lks_rest_request lks_rest_request;

/* Creates an empty request (method "GET", no target, headers, body or principal).
 * Errors: LKS_INVALID_ARGUMENT (out NULL), LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_rest_request_new(lks_rest_request** out);
/* Frees `request`. NULL-safe. */
LKS_API void lks_rest_request_free(lks_rest_request* request);
/* Setters copy their input and fail only for NULL arguments or, for headers, a name that is empty
 * or holds ':' or a line break, or a value with a line break (LKS_INVALID_ARGUMENT). */
/* "GET", "POST", ... (any case: it is upper-cased). */
LKS_API lks_status lks_rest_request_set_method(lks_rest_request* request, const char* method,
                                               size_t len);
/* The path with an optional query, as in the request line: "/api/study-groups?limit=10". */
LKS_API lks_status lks_rest_request_set_target(lks_rest_request* request, const char* target,
                                               size_t len);
/* Adds one request header (names are matched without regard to case). */
LKS_API lks_status lks_rest_request_add_header(lks_rest_request* request, const char* name,
                                               size_t name_len, const char* value,
                                               size_t value_len);
/* Removes every header added so far, to reuse the request. */
LKS_API lks_status lks_rest_request_clear_headers(lks_rest_request* request);
/* The body bytes exactly as received (webhooks are verified over them). */
LKS_API lks_status lks_rest_request_set_body(lks_rest_request* request, const char* body,
                                             size_t len);
/* A user the host already authenticated, trusted as the caller (copied); NULL (the default) to
 * authenticate the caller from its "Authorization: Bearer <app JWT>" header instead. */
LKS_API lks_status lks_rest_request_set_principal(lks_rest_request* request,
                                                  const lks_principal* who);

/* A response. One call at a time may fill it; read it on the thread that filled it or after. */
typedef struct lks_rest_response lks_rest_response;

/* Creates an empty response (status 0, no headers, empty body).
 * Errors: LKS_INVALID_ARGUMENT (out NULL), LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_rest_response_new(lks_rest_response** out);
/* Frees `response`. NULL-safe. */
LKS_API void lks_rest_response_free(lks_rest_response* response);
/* The HTTP status to send (200, 201, or the 4xx/5xx of an API error, whose body says why); 0 for
 * NULL or a response not yet filled. */
LKS_API int64_t lks_rest_response_status(const lks_rest_response* response);
/* How many headers to send (0 for NULL). */
LKS_API int64_t lks_rest_response_header_count(const lks_rest_response* response);
/* Header `index` (0 to count - 1): `*name` and `*value` point into the response (NUL-terminated,
 * lengths in `*name_len` and `*value_len`) and stay valid until it is filled again or freed.
 * Errors: LKS_INVALID_ARGUMENT (NULL arguments), LKS_OUT_OF_RANGE (no such header). */
LKS_API lks_status lks_rest_response_header(const char** name, size_t* name_len, const char** value,
                                            size_t* value_len, const lks_rest_response* response,
                                            int64_t index);
/* The body (JSON, NUL-terminated; "" for NULL), valid until the response is filled again or freed;
 * its length in `*len` when `len` is not NULL. */
LKS_API const char* lks_rest_response_body(const lks_rest_response* response, size_t* len);

/* ---------------------------------------------------------------------------------------------
 * Study-group service (docs/rest-api.md, docs/embedding.md)
 *
 * An lks_service is the study-group policy (who gets which LiveKit token, moderation, webhook
 * ingestion, usage) over an lks_store and LiveKit. Hosts call it two ways:
 *  - typed calls, lks_service_<operation>, for a user the host authenticated (an lks_principal):
 *    each writes the JSON the REST API answers as `data` (docs/rest-api.md) into an lks_buf, and
 *    fails with the status, message, reason ("not_a_member", "group_full", ...) and HTTP status
 *    the REST API would answer with, in lks_error_last();
 *  - lks_service_handle_rest, the seed's REST API as a function from request to response, to
 *    mount it in any web framework.
 * Available when the library is built with LKS_WITH_ROOM_SERVICE (the default); otherwise every
 * function of this section returns LKS_UNIMPLEMENTED.
 * Thread-safety: an lks_service may be used by any number of threads at once.
 * ------------------------------------------------------------------------------------------- */

/* Configuration of a service. Not for concurrent mutation. */
typedef struct lks_service_options lks_service_options;

/* Creates options: LiveKit not configured, no app secret, 6 h tokens, 0.0035 USD per
 * participant-minute. Errors: LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_service_options_new(lks_service_options** out);
/* Frees `opts`. NULL-safe. */
LKS_API void lks_service_options_free(lks_service_options* opts);
/* LiveKit's URL (ws://, wss://, http:// or https://): where clients connect (the token response's
 * serverUrl) and where the room service is called. With the key and secret it enables the LiveKit
 * routes and webhook verification. Setters copy their input; errors only for NULL `opts`. */
LKS_API lks_status lks_service_options_set_livekit_url(lks_service_options* opts, const char* url,
                                                       size_t len);
LKS_API lks_status lks_service_options_set_api_key(lks_service_options* opts, const char* key,
                                                   size_t len);
LKS_API lks_status lks_service_options_set_api_secret(lks_service_options* opts, const char* secret,
                                                      size_t len);
/* The secret the host app signs its users' JWTs with (APP_JWT_SECRET). Without it, REST requests
 * reach the authenticated routes only with a principal (lks_rest_request_set_principal). */
LKS_API lks_status lks_service_options_set_app_jwt_secret(lks_service_options* opts,
                                                          const char* secret, size_t len);
/* Estimated cost per participant-minute for usage reports. Errors: LKS_INVALID_ARGUMENT if
 * negative. */
LKS_API lks_status lks_service_options_set_cost_per_participant_minute(lks_service_options* opts,
                                                                       double usd);
/* Lifetime of issued LiveKit join tokens (default 900: 15 minutes; a call outlives its token).
 * Errors: LKS_INVALID_ARGUMENT if <= 0. */
LKS_API lks_status lks_service_options_set_token_ttl_seconds(lks_service_options* opts,
                                                             int64_t seconds);
/* Non-zero: owners and moderators also get roomAdmin in their own tokens (default 0). */
LKS_API lks_status lks_service_options_set_moderators_get_room_admin(lks_service_options* opts,
                                                                     int enabled);
/* How long a room the service created or saw live is trusted to exist before the next token
 * request asks LiveKit again (default 30; 0 asks every time; room_finished webhooks clear it
 * earlier). Errors: LKS_INVALID_ARGUMENT if negative. */
LKS_API lks_status lks_service_options_set_live_room_cache_seconds(lks_service_options* opts,
                                                                   int64_t seconds);
/* The web client's public base URL ("https://study.example.org"; `len` bytes, copied): the join
 * link of GET /api/study-groups/:id/calendar.ics is <url>/#/group/<id>/call (default empty: no
 * link). Errors: LKS_INVALID_ARGUMENT unless empty or http:// or https://. */
LKS_API lks_status lks_service_options_set_public_url(lks_service_options* opts, const char* url,
                                                      size_t len);
/* The master secret E2EE session keys are derived from (docs/e2ee.md): at least 32 bytes; copied,
 * and wiped when the service is made (only HKDF's key state is kept). Without it, groups with
 * e2ee get no tokens (e2ee_not_configured). Errors: LKS_INVALID_ARGUMENT if shorter (the
 * message names the field, never the secret). */
LKS_API lks_status lks_service_options_set_e2ee_master_secret(lks_service_options* opts,
                                                              const char* secret, size_t len);

/* A study-group service with its REST handler. Thread-safe: every function taking a const
 * lks_service* may be called from any number of threads at once. */
typedef struct lks_service lks_service;

/* Creates a service over `store` (shared: lks_store_free and lks_service_free may come in either
 * order). Errors: LKS_INVALID_ARGUMENT (NULL store or options, an invalid LiveKit URL). */
LKS_API lks_status lks_service_new(lks_service** out, lks_store* store,
                                   const lks_service_options* opts);
/* Frees `service`. NULL-safe. */
LKS_API void lks_service_free(lks_service* service);

/* Serves one request of the REST API into `response`. API errors (401, 403, 404, ...) are
 * responses with the error JSON, not failures: this returns LKS_OK for them.
 * Errors (no response at all): LKS_INVALID_ARGUMENT for NULL arguments, a request without a
 * target, or a principal without a valid user id. */
LKS_API lks_status lks_service_handle_rest(lks_rest_response* response, const lks_service* service,
                                           const lks_rest_request* request);

/* Typed calls. Each writes into `out` the JSON of the REST response's `data` for the same
 * operation (docs/rest-api.md) and fails with what that route would answer, the HTTP status in
 * lks_error_last()->http_status. `who` is the calling user (see lks_principal); calls that need
 * none take none. On error `out` is empty. */

/* POST /api/study-groups/create: `request_json` {"title","description","maxParticipants",
 * "scheduledTime","durationMinutes","videoProvider","useLiveKit","meetLink","meetId",
 * "admission"} creates a group that `who` owns; writes the group. `admission` is "open" (the
 * default) or "approval" (a waiting room: see lks_service_issue_token). */
LKS_API lks_status lks_service_create_group(lks_buf* out, const lks_service* service,
                                            const lks_principal* who, const char* request_json,
                                            size_t request_len);
/* GET /api/study-groups/:id: writes the group. LKS_NOT_FOUND when there is none. */
LKS_API lks_status lks_service_get_group(lks_buf* out, const lks_service* service,
                                         const lks_principal* who, int64_t group_id);
/* GET /api/study-groups: the groups `who` belongs to, {"groups":[...],"total","nextAfter"}, those
 * with an id above `after_id` (0 from the start), at most `limit` (1 to 1000; 0 for 50). */
LKS_API lks_status lks_service_list_groups(lks_buf* out, const lks_service* service,
                                           const lks_principal* who, int64_t after_id,
                                           int64_t limit);
/* POST /api/study-groups/:id/join: writes the membership (joining again is harmless).
 * LKS_RESOURCE_EXHAUSTED, reason "group_full", http_status 409 when the group is full. */
LKS_API lks_status lks_service_join_group(lks_buf* out, const lks_service* service,
                                          const lks_principal* who, int64_t group_id);
/* POST /api/study-groups/:id/leave: writes {"groupId","userId"}. LKS_FAILED_PRECONDITION for the
 * last owner. */
LKS_API lks_status lks_service_leave_group(lks_buf* out, const lks_service* service,
                                           const lks_principal* who, int64_t group_id);
/* GET /api/study-groups/:id/members (members only): writes {"members":[...],"total"}. */
LKS_API lks_status lks_service_list_members(lks_buf* out, const lks_service* service,
                                            const lks_principal* who, int64_t group_id);
/* GET /api/study-groups/:id/usage (members only): participant-minutes and estimated cost. */
LKS_API lks_status lks_service_get_usage(lks_buf* out, const lks_service* service,
                                         const lks_principal* who, int64_t group_id);
/* POST /api/study-groups/:id/recording (moderators): starts a recording of the group's live
 * session to a file and announces {"recording":true} in the room's metadata; writes the
 * recording {"id","groupId","roomSid","egressId","status","location","startedAt","endedAt",
 * "durationMs","error","startedBy"}. LKS_FAILED_PRECONDITION with reason
 * "recording_not_consented" (the group's recordingConsent is false), "room_not_active",
 * "already_recording" or "not_livekit"; LKS_UNAVAILABLE with reason "recording_unavailable"
 * (http_status 503) when the server has no egress worker. docs/recording.md. */
LKS_API lks_status lks_service_start_recording(lks_buf* out, const lks_service* service,
                                               const lks_principal* who, int64_t group_id);
/* DELETE /api/study-groups/:id/recording (moderators): stops the group's running recordings and
 * announces {"recording":false}; writes the last one stopped. LKS_FAILED_PRECONDITION with reason
 * "not_recording" when none runs; "recording_unavailable" as above. */
LKS_API lks_status lks_service_stop_recording(lks_buf* out, const lks_service* service,
                                              const lks_principal* who, int64_t group_id);
/* GET /api/study-groups/:id/recordings (members): writes {"groupId","recordings":[...],"total"},
 * oldest first, as egress webhooks recorded them (status, location, durationMs). */
LKS_API lks_status lks_service_list_recordings(lks_buf* out, const lks_service* service,
                                               const lks_principal* who, int64_t group_id);
/* POST /api/study-groups/:id/breakouts (moderators, while a session is live): `request_json`
 * {"count":N,"mode":"auto"} (the members present in the call, spread evenly at random) or
 * {"assignments":[{"members":["user id",...]},...]} opens breakout rooms, each a LiveKit room
 * named after the session, and announces {"breakouts":<set number>} in the main room's
 * metadata. Writes {"groupId","open","mainRoomName","sessionSid","rooms":[{"id","groupId",
 * "sessionSid","roomName","number","openedBy","openedAt","closedAt","members"}],"assignment"}.
 * LKS_FAILED_PRECONDITION with reason "room_not_active" (no live session) or "breakouts_open"
 * (http_status 409); LKS_INVALID_ARGUMENT naming the field (count, assignments[i].members).
 * docs/breakouts.md. */
LKS_API lks_status lks_service_open_breakouts(lks_buf* out, const lks_service* service,
                                              const lks_principal* who, int64_t group_id,
                                              const char* request_json, size_t request_len);
/* GET /api/study-groups/:id/breakouts (members): the open set ("rooms" empty, "open" false when
 * none) and the caller's "assignment" (a room, or null). */
LKS_API lks_status lks_service_get_breakouts(lks_buf* out, const lks_service* service,
                                             const lks_principal* who, int64_t group_id);
/* DELETE /api/study-groups/:id/breakouts (moderators): closes the open set (its LiveKit rooms
 * deleted, so their participants ask for a token for the main room again); writes the closed
 * set. LKS_FAILED_PRECONDITION with reason "breakouts_not_open" when none is open. */
LKS_API lks_status lks_service_close_breakouts(lks_buf* out, const lks_service* service,
                                               const lks_principal* who, int64_t group_id);
/* POST /api/livekit/token: a LiveKit token for a member of the group whose room is `room_name`,
 * {"token","serverUrl","roomName","identity","participantName","expiresAt"}; creates the room on
 * demand. `participant_name` may be empty (the principal's name is used).
 * In an approval group, a member who is not a moderator and not yet admitted to the current
 * session gets LKS_OK with {"status":"waiting","groupId","roomName","session","knockedAt",
 * "retryAfterSeconds"} (the REST API's 202) and is recorded as knocking: check for "status"
 * before reading "token", and ask again after retryAfterSeconds. Errors: LKS_PERMISSION_DENIED
 * with reason "not_a_member", "barred" (removed from this session), "locked" (the group is
 * locked; owners and moderators still get tokens) or "denied" (a moderator denied this session),
 * all http_status 403. While breakout rooms are open (lks_service_open_breakouts) an assigned
 * member asking for the group's room gets a token for their breakout: "roomName" is the
 * breakout's and "breakout" is {"roomName","number","mainRoomName","sessionSid"}; asking for
 * another breakout is LKS_PERMISSION_DENIED, reason "not_assigned" (moderators may join any);
 * a closed breakout is LKS_FAILED_PRECONDITION, reason "breakouts_closed". */
LKS_API lks_status lks_service_issue_token(lks_buf* out, const lks_service* service,
                                           const lks_principal* who, const char* room_name,
                                           size_t room_name_len, const char* participant_name,
                                           size_t participant_name_len);
/* Admission (moderators: owners, moderators and admins; others LKS_PERMISSION_DENIED with reason
 * "not_a_moderator" or "not_a_member"). The current session is the group's live room session;
 * a knock and its decision last until that session ends. */
/* GET /api/study-groups/:id/knocks: the current session's knocks, {"groupId","session" (null when
 * no session is live),"knocks":[{"groupId","session","userId","name","status" ("waiting",
 * "admitted", "denied"),"knockedAt","decidedAt","decidedBy"}],"total"}. */
LKS_API lks_status lks_service_list_knocks(lks_buf* out, const lks_service* service,
                                           const lks_principal* who, int64_t group_id);
/* POST /api/study-groups/:id/knocks/:userId/admit: admits `user_id` (their next token request
 * gets a token); writes the knock. LKS_NOT_FOUND, reason "knock_not_found", when that user has
 * not knocked on the current session. */
LKS_API lks_status lks_service_admit_knock(lks_buf* out, const lks_service* service,
                                           const lks_principal* who, int64_t group_id,
                                           const char* user_id, size_t user_id_len);
/* POST /api/study-groups/:id/knocks/:userId/deny: denies `user_id` this session (their token
 * requests fail with reason "denied"); writes the knock. Errors as lks_service_admit_knock. */
LKS_API lks_status lks_service_deny_knock(lks_buf* out, const lks_service* service,
                                          const lks_principal* who, int64_t group_id,
                                          const char* user_id, size_t user_id_len);
/* POST /api/study-groups/:id/lock: while locked only owners, moderators and admins get tokens
 * (others: reason "locked"); participants in the room stay. Writes the group ("locked": true).
 * Idempotent. */
LKS_API lks_status lks_service_lock_group(lks_buf* out, const lks_service* service,
                                          const lks_principal* who, int64_t group_id);
/* POST /api/study-groups/:id/unlock: the reverse; writes the group ("locked": false). */
LKS_API lks_status lks_service_unlock_group(lks_buf* out, const lks_service* service,
                                            const lks_principal* who, int64_t group_id);
/* POST /api/livekit/rooms (moderators of the room's group; admins for any): `request_json`
 * {"name","emptyTimeout","maxParticipants"}; writes the room. */
LKS_API lks_status lks_service_create_room(lks_buf* out, const lks_service* service,
                                           const lks_principal* who, const char* request_json,
                                           size_t request_len);
/* GET /api/livekit/rooms: the live rooms of `who`'s groups (all rooms for admins),
 * {"rooms":[...],"total"}. */
LKS_API lks_status lks_service_list_rooms(lks_buf* out, const lks_service* service,
                                          const lks_principal* who);
/* GET /api/livekit/rooms/:roomName (members): {"room":{...},"participants":[...]}. */
LKS_API lks_status lks_service_get_room(lks_buf* out, const lks_service* service,
                                        const lks_principal* who, const char* room_name,
                                        size_t room_name_len);
/* DELETE /api/livekit/rooms/:roomName (moderators): ends the session, disconnecting everyone;
 * writes {"roomName","deletedAt"}. */
LKS_API lks_status lks_service_delete_room(lks_buf* out, const lks_service* service,
                                           const lks_principal* who, const char* room_name,
                                           size_t room_name_len);
/* POST /api/livekit/rooms/:roomName/remove-participant (moderators): disconnects `identity`,
 * whose user gets no new token for this session; writes {"roomName","participantIdentity",
 * "removedAt"}. */
LKS_API lks_status lks_service_remove_participant(lks_buf* out, const lks_service* service,
                                                  const lks_principal* who, const char* room_name,
                                                  size_t room_name_len, const char* identity,
                                                  size_t identity_len);
/* POST /api/livekit/rooms/:roomName/mute-track (moderators): mutes (muted non-zero) or unmutes a
 * published track; writes {"trackSid","muted"}. */
LKS_API lks_status lks_service_mute_track(lks_buf* out, const lks_service* service,
                                          const lks_principal* who, const char* room_name,
                                          size_t room_name_len, const char* identity,
                                          size_t identity_len, const char* track_sid,
                                          size_t track_sid_len, int muted);
/* GET /api/livekit/status: {"configured","serverUrl","hasApiKey","hasApiSecret","hasServerUrl"}
 * (never a secret). */
LKS_API lks_status lks_service_get_livekit_status(lks_buf* out, const lks_service* service);
/* POST /api/livekit/webhook: verifies a delivery from livekit-server over `body` exactly as
 * received (`authorization` is its Authorization header's value) and applies it once per event
 * id; writes {"event","id","outcome"} with outcome "applied", "duplicate" or "ignored".
 * Errors: LKS_UNAUTHENTICATED (the reasons of lks_webhook_receiver_receive, http_status 401),
 * LKS_INVALID_ARGUMENT ("body_not_json", "bad_event"), LKS_FAILED_PRECONDITION (reason
 * "livekit_not_configured", http_status 503: no API key and secret). */
LKS_API lks_status lks_service_receive_webhook(lks_buf* out, const lks_service* service,
                                               const char* body, size_t body_len,
                                               const char* authorization, size_t authorization_len);

/* One reconciliation pass (docs/webhooks.md, "Reconciliation"): every live LiveKit room of a group
 * is compared with ListParticipants, attendance rows of participants who left without a delivered
 * participant_left are closed, rows are opened (source "reconcile") for present participants
 * whose participant_joined never arrived, and sessions this service saw open whose room is gone
 * are closed. Writes {"sessionsChecked","rowsOpened","rowsClosed","sessionsClosed"}. For hosts
 * with their own timer (every 30 to 60 s; `lkstudy serve --reconcile-interval` does it itself);
 * it never runs on its own. Blocks on LiveKit and the store; safe from any thread, also while
 * webhooks are ingested. Errors: LKS_FAILED_PRECONDITION ("livekit_not_configured"),
 * LKS_UNAVAILABLE ("livekit_unavailable"), the store's. */
LKS_API lks_status lks_service_reconcile(lks_buf* out, const lks_service* service);

/* ---------------------------------------------------------------------------------------------
 * Room service (LiveKit's RoomService over Twirp; see docs/room-service.md)
 *
 * Results are LiveKit's JSON as the server sent it (snake_case with defaults from livekit-server,
 * camelCase from others): parse the fields you need and ignore the rest, so new server fields
 * never break a host. Failures set lks_error_last(): code, a message naming the field or the
 * server's message (never a token), reason (the Twirp code, e.g. "not_found", or "connect",
 * "timeout", "bad_response"), and http_status.
 * Available when the library is built with LKS_WITH_ROOM_SERVICE (the default); otherwise every
 * function below returns LKS_UNIMPLEMENTED.
 * ------------------------------------------------------------------------------------------- */

/* Region failover for LiveKit Cloud (see lks/http/retrying_http_client.h). */
typedef enum lks_region_failover {
  LKS_REGION_FAILOVER_AUTO = 0,   /* for *.livekit.cloud hosts with a timeout of at least 5 s */
  LKS_REGION_FAILOVER_ALWAYS = 1, /* whatever the host (e.g. LiveKit's test-server) */
  LKS_REGION_FAILOVER_NEVER = 2,
  /* Not a value: keeps the type int-sized, so any int a host passes is representable. */
  LKS_REGION_FAILOVER_MAX_ENUM = 0x7FFFFFFF
} lks_region_failover;

/* How a room client connects and authenticates. Not for concurrent mutation; read (copied) by
 * lks_room_client_new, after which it may be changed or freed. */
typedef struct lks_room_client_options lks_room_client_options;

/* Creates options with the defaults: 10 s per attempt, 3 attempts (200 ms, 400 ms apart), TLS
 * verification on, proxy from the environment, region failover AUTO, per-call tokens of 10 min.
 * Errors: LKS_INVALID_ARGUMENT (out NULL), LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_room_client_options_new(lks_room_client_options** out);
/* Frees `opts`. NULL-safe. */
LKS_API void lks_room_client_options_free(lks_room_client_options* opts);
/* Setters copy their input and fail only for a NULL `opts` or an out-of-range number
 * (LKS_INVALID_ARGUMENT); URLs and credentials are checked by lks_room_client_new. */
/* Server URL: ws://, wss://, http:// or https:// (required). */
LKS_API lks_status lks_room_client_options_set_url(lks_room_client_options* opts, const char* url,
                                                   size_t len);
LKS_API lks_status lks_room_client_options_set_api_key(lks_room_client_options* opts,
                                                       const char* key, size_t len);
/* The secret is copied and only its HMAC state kept by the client. */
LKS_API lks_status lks_room_client_options_set_api_secret(lks_room_client_options* opts,
                                                          const char* secret, size_t len);
/* A pre-signed token sent on every call instead of per-call tokens (key and secret then unneeded).
 * It must carry the grants of the calls made (roomCreate, roomList, roomAdmin for the room, ...);
 * livekit-server answers a missing one with LKS_UNAUTHENTICATED, http_status 401, "permissions
 * denied" (without naming the grant). */
LKS_API lks_status lks_room_client_options_set_token(lks_room_client_options* opts,
                                                     const char* token, size_t len);
/* Per-attempt timeout in milliseconds (> 0), also sent as X-Twirp-Timeout-Ms. */
LKS_API lks_status lks_room_client_options_set_timeout_ms(lks_room_client_options* opts,
                                                          int64_t timeout_ms);
/* Attempts per call (>= 1); only LKS_UNAVAILABLE transport failures (refused, reset, TLS) and 5xx
 * answers are retried, each on the next fallback URL while any is untried; a timeout is not. */
LKS_API lks_status lks_room_client_options_set_max_attempts(lks_room_client_options* opts,
                                                            int64_t max_attempts);
/* Adds a base URL tried after the primary one (self-hosted clusters). */
LKS_API lks_status lks_room_client_options_add_fallback_url(lks_room_client_options* opts,
                                                            const char* url, size_t len);
LKS_API lks_status lks_room_client_options_set_region_failover(lks_room_client_options* opts,
                                                               lks_region_failover mode);
/* Non-zero (default) verifies the server's certificate and host name. */
LKS_API lks_status lks_room_client_options_set_tls_verify(lks_room_client_options* opts,
                                                          int verify);
/* PEM bundle / hashed directory of CA certificates to trust instead of the system store. A CA file
 * that cannot be read fails each https call with reason "tls" and its path in the message; a CA
 * folder is only searched during the handshake (a missing one is not itself an error). */
LKS_API lks_status lks_room_client_options_set_ca_file(lks_room_client_options* opts,
                                                       const char* path, size_t len);
LKS_API lks_status lks_room_client_options_set_ca_path(lks_room_client_options* opts,
                                                       const char* path, size_t len);
/* Proxy URL for every call; unset: the usual environment variables (https_proxy, NO_PROXY, ...). */
LKS_API lks_status lks_room_client_options_set_proxy(lks_room_client_options* opts, const char* url,
                                                     size_t len);
/* Adds a header sent with every call. */
LKS_API lks_status lks_room_client_options_add_header(lks_room_client_options* opts,
                                                      const char* name, size_t name_len,
                                                      const char* value, size_t value_len);

/* A client of one server. Thread-safe: any number of threads may call the functions below with
 * the same client at once (connections are pooled and reused). Free it only when no call is in
 * progress. */
typedef struct lks_room_client lks_room_client;

/* Creates a client. Errors: LKS_INVALID_ARGUMENT naming the option ("url: ...",
 * "api_key: required (or give a token)"). */
LKS_API lks_status lks_room_client_new(lks_room_client** out, const lks_room_client_options* opts);
/* Frees `client`. NULL-safe. */
LKS_API void lks_room_client_free(lks_room_client* client);

/* CreateRoom. `request_json` is a CreateRoomRequest, e.g. {"name":"r","maxParticipants":8,
 * "emptyTimeout":300,"metadata":"..."}. Writes the Room JSON. A live room of that name is
 * returned unchanged. */
LKS_API lks_status lks_room_client_create_room(lks_buf* room_json, const lks_room_client* client,
                                               const char* request_json, size_t request_len);
/* ListRooms. `names_json`: NULL for all rooms, or a JSON array of names. Writes {"rooms":[...]}. */
LKS_API lks_status lks_room_client_list_rooms(lks_buf* rooms_json, const lks_room_client* client,
                                              const char* names_json, size_t names_len);
/* DeleteRoom. LKS_NOT_FOUND when there is no such room. */
LKS_API lks_status lks_room_client_delete_room(const lks_room_client* client, const char* room,
                                               size_t room_len);
/* ListParticipants. Writes {"participants":[...]} (empty for an unknown room). */
LKS_API lks_status lks_room_client_list_participants(lks_buf* participants_json,
                                                     const lks_room_client* client,
                                                     const char* room, size_t room_len);
/* GetParticipant. Writes the ParticipantInfo JSON; LKS_NOT_FOUND when absent. */
LKS_API lks_status lks_room_client_get_participant(lks_buf* participant_json,
                                                   const lks_room_client* client, const char* room,
                                                   size_t room_len, const char* identity,
                                                   size_t identity_len);
/* RemoveParticipant: disconnects the participant. */
LKS_API lks_status lks_room_client_remove_participant(const lks_room_client* client,
                                                      const char* room, size_t room_len,
                                                      const char* identity, size_t identity_len);
/* MutePublishedTrack (muted non-zero) or unmute. Writes the TrackInfo JSON. */
LKS_API lks_status lks_room_client_mute_published_track(lks_buf* track_json,
                                                        const lks_room_client* client,
                                                        const char* room, size_t room_len,
                                                        const char* identity, size_t identity_len,
                                                        const char* track_sid, size_t track_sid_len,
                                                        int muted);
/* UpdateParticipant. `request_json` is an UpdateParticipantRequest: {"room","identity",
 * "metadata","name","attributes":{...},"permission":{...}}. Writes the ParticipantInfo JSON. */
LKS_API lks_status lks_room_client_update_participant(lks_buf* participant_json,
                                                      const lks_room_client* client,
                                                      const char* request_json, size_t request_len);
/* UpdateSubscriptions. `request_json`: {"room","identity","trackSids":[...],"subscribe":true}. */
LKS_API lks_status lks_room_client_update_subscriptions(const lks_room_client* client,
                                                        const char* request_json,
                                                        size_t request_len);
/* SendData: `data` bytes to the room, or to the identities in `destinations_json` (a JSON array;
 * NULL for everyone), on `topic` (NULL for none); lossy non-zero for lossy delivery. */
LKS_API lks_status lks_room_client_send_data(const lks_room_client* client, const char* room,
                                             size_t room_len, const void* data, size_t data_len,
                                             const char* topic, size_t topic_len,
                                             const char* destinations_json, size_t destinations_len,
                                             int lossy);
/* UpdateRoomMetadata. Writes the Room JSON. */
LKS_API lks_status lks_room_client_update_room_metadata(lks_buf* room_json,
                                                        const lks_room_client* client,
                                                        const char* room, size_t room_len,
                                                        const char* metadata, size_t metadata_len);
/* ForwardParticipant / MoveParticipant into `destination_room` (LiveKit Cloud). Self-hosted
 * livekit-server answers LKS_UNKNOWN, http_status 500, "... not implemented". */
LKS_API lks_status lks_room_client_forward_participant(const lks_room_client* client,
                                                       const char* room, size_t room_len,
                                                       const char* identity, size_t identity_len,
                                                       const char* destination_room,
                                                       size_t destination_room_len);
LKS_API lks_status lks_room_client_move_participant(const lks_room_client* client, const char* room,
                                                    size_t room_len, const char* identity,
                                                    size_t identity_len,
                                                    const char* destination_room,
                                                    size_t destination_room_len);
/* PerformRpc: calls `method` on participant `destination_identity`; writes its response payload
 * (text). response_timeout_ms 0 means the server's default (at most 4294967295). */
LKS_API lks_status lks_room_client_perform_rpc(lks_buf* response_payload,
                                               const lks_room_client* client, const char* room,
                                               size_t room_len, const char* destination_identity,
                                               size_t destination_identity_len, const char* method,
                                               size_t method_len, const char* payload,
                                               size_t payload_len, int64_t response_timeout_ms);
/* Any RoomService method by name with a JSON request; writes the server's JSON answer. For
 * methods newer than this header. */
LKS_API lks_status lks_room_client_call_json(lks_buf* response_json, const lks_room_client* client,
                                             const char* method, size_t method_len,
                                             const char* request_json, size_t request_len);

/* ---------------------------------------------------------------------------------------------
 * Egress (recording and streaming) and agent dispatch: LiveKit's livekit.Egress and
 * livekit.AgentDispatchService over the room client's call path (same options, retries, error
 * mapping). Requests and answers are protojson text, as with lks_room_client_call_json.
 * ------------------------------------------------------------------------------------------- */

/* An Egress client of one server. Thread-safe like lks_room_client. */
typedef struct lks_egress_client lks_egress_client;

/* Creates an Egress client from room client options (its per-call tokens carry roomRecord).
 * Errors: as lks_room_client_new. */
LKS_API lks_status lks_egress_client_new(lks_egress_client** out,
                                         const lks_room_client_options* opts);
/* Frees `client`. NULL-safe. */
LKS_API void lks_egress_client_free(lks_egress_client* client);

/* Starts an egress; `request_json` is the method's request (camelCase or snake_case protojson),
 * e.g. for a room composite {"roomName":"r","layout":"grid","fileOutputs":[{"fileType":"MP4",
 * "filepath":"rec/{room_name}.mp4"}]}. Writes the EgressInfo JSON. A server with no egress
 * worker answers LKS_UNAVAILABLE, reason "egress_unavailable", http_status 503. */
LKS_API lks_status lks_egress_client_start_room_composite(lks_buf* info_json,
                                                          const lks_egress_client* client,
                                                          const char* request_json,
                                                          size_t request_len);
/* StartParticipantEgress: {"roomName","identity","screenShare",...outputs}. As above. */
LKS_API lks_status lks_egress_client_start_participant(lks_buf* info_json,
                                                       const lks_egress_client* client,
                                                       const char* request_json,
                                                       size_t request_len);
/* StartTrackEgress: {"roomName","trackId","file":{"filepath"}} or {...,"websocketUrl"}. */
LKS_API lks_status lks_egress_client_start_track(lks_buf* info_json,
                                                 const lks_egress_client* client,
                                                 const char* request_json, size_t request_len);
/* StartTrackCompositeEgress: {"roomName","audioTrackId","videoTrackId",...outputs}. */
LKS_API lks_status lks_egress_client_start_track_composite(lks_buf* info_json,
                                                           const lks_egress_client* client,
                                                           const char* request_json,
                                                           size_t request_len);
/* StartWebEgress: {"url","audioOnly","awaitStartSignal",...outputs}. */
LKS_API lks_status lks_egress_client_start_web(lks_buf* info_json, const lks_egress_client* client,
                                               const char* request_json, size_t request_len);
/* UpdateLayout of a running room composite egress. Writes the EgressInfo JSON. */
LKS_API lks_status lks_egress_client_update_layout(lks_buf* info_json,
                                                   const lks_egress_client* client,
                                                   const char* egress_id, size_t egress_id_len,
                                                   const char* layout, size_t layout_len);
/* UpdateStream: `add_urls_json` and `remove_urls_json` are JSON arrays of URLs (NULL: none).
 * Writes the EgressInfo JSON. */
LKS_API lks_status lks_egress_client_update_stream(lks_buf* info_json,
                                                   const lks_egress_client* client,
                                                   const char* egress_id, size_t egress_id_len,
                                                   const char* add_urls_json, size_t add_len,
                                                   const char* remove_urls_json, size_t remove_len);
/* ListEgress of `room` (NULL: every room); active non-zero lists running ones only. Writes
 * {"items":[EgressInfo,...]}. */
LKS_API lks_status lks_egress_client_list(lks_buf* items_json, const lks_egress_client* client,
                                          const char* room, size_t room_len, int active);
/* StopEgress. Writes the EgressInfo JSON; LKS_NOT_FOUND for an unknown id. */
LKS_API lks_status lks_egress_client_stop(lks_buf* info_json, const lks_egress_client* client,
                                          const char* egress_id, size_t egress_id_len);
/* Any livekit.Egress method by name with a JSON request; writes the server's JSON answer. */
LKS_API lks_status lks_egress_client_call_json(lks_buf* response_json,
                                               const lks_egress_client* client, const char* method,
                                               size_t method_len, const char* request_json,
                                               size_t request_len);

/* An agent dispatch client of one server. Thread-safe like lks_room_client. */
typedef struct lks_agent_dispatch_client lks_agent_dispatch_client;

/* Creates an agent dispatch client from room client options (tokens carry roomAdmin for the
 * dispatch's room). Errors: as lks_room_client_new. */
LKS_API lks_status lks_agent_dispatch_client_new(lks_agent_dispatch_client** out,
                                                 const lks_room_client_options* opts);
/* Frees `client`. NULL-safe. */
LKS_API void lks_agent_dispatch_client_free(lks_agent_dispatch_client* client);
/* CreateDispatch of agent `agent_name` into `room` with `metadata` (NULL: none). Writes the
 * AgentDispatch JSON. The server stores it even when no worker for that agent is connected. */
LKS_API lks_status lks_agent_dispatch_client_create(lks_buf* dispatch_json,
                                                    const lks_agent_dispatch_client* client,
                                                    const char* room, size_t room_len,
                                                    const char* agent_name, size_t agent_name_len,
                                                    const char* metadata, size_t metadata_len);
/* DeleteDispatch. Writes the AgentDispatch JSON as it was. */
LKS_API lks_status lks_agent_dispatch_client_delete(lks_buf* dispatch_json,
                                                    const lks_agent_dispatch_client* client,
                                                    const char* room, size_t room_len,
                                                    const char* dispatch_id,
                                                    size_t dispatch_id_len);
/* ListDispatch of `room` (only `dispatch_id` when not NULL). Writes
 * {"agentDispatches":[AgentDispatch,...]}. */
LKS_API lks_status lks_agent_dispatch_client_list(lks_buf* dispatches_json,
                                                  const lks_agent_dispatch_client* client,
                                                  const char* room, size_t room_len,
                                                  const char* dispatch_id, size_t dispatch_id_len);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* LKS_H_ */
