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
 *  - Outputs come first, the subject handle next, inputs last.
 *  - Strings in are borrowed pointer+length pairs (need not be NUL-terminated; NULL with length 0
 *    is the empty string); they are copied if kept.
 *  - Bytes out are returned in an lks_buf that the caller releases with lks_buf_dispose().
 *  - Handles come in lks_<x>_new / lks_<x>_free pairs; every _free accepts NULL.
 *  - No function throws, longjmps or aborts on bad input.
 *  - Only symbols starting with lks_ are exported by the shared library.
 */
#ifndef LKS_H_
#define LKS_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define LKS_API __declspec(dllexport)
#elif defined(__GNUC__)
#define LKS_API __attribute__((visibility("default")))
#else
#define LKS_API
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions
 * ------------------------------------------------------------------------------------------- */

#define LKS_VERSION_MAJOR 0
#define LKS_VERSION_MINOR 1
#define LKS_VERSION_PATCH 0
#define LKS_VERSION_STRING "0.1.0"
/* MAJOR * 1000000 + MINOR * 1000 + PATCH, comparable with lks_version_number(). */
#define LKS_VERSION_NUMBER \
  (LKS_VERSION_MAJOR * 1000000 + LKS_VERSION_MINOR * 1000 + LKS_VERSION_PATCH)

/* The version of the library actually linked, as LKS_VERSION_NUMBER. A host compiled against one
 * header and run with another library can compare the two at start-up. Thread-safe. */
LKS_API uint32_t lks_version_number(void);

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
  LKS_UNAUTHENTICATED = 16
} lks_status;

/* Detail of the last failure on the calling thread. */
typedef struct lks_error {
  lks_status code;     /* the status the failing call returned */
  const char* message; /* names the field and the reason; never a secret or a token */
  const char* reason;  /* machine-readable word ("expired", "bad_signature", ...) or "" */
  int http_status;     /* HTTP status of a remote failure, or the one to answer; 0 if none */
} lks_error;

/* The detail of the last failed lks_ call on this thread, or NULL if the last call succeeded.
 * The pointer and its strings stay valid until the next lks_ call on the same thread.
 * Thread-safe (thread-local). */
LKS_API const lks_error* lks_error_last(void);

/* The lower-case name of a status ("invalid_argument"); a static string, never NULL. */
LKS_API const char* lks_status_name(lks_status status);

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

/* ---------------------------------------------------------------------------------------------
 * Access tokens
 * ------------------------------------------------------------------------------------------- */

/* The claims of a token to mint: identity, name, metadata, attributes, grants, validity.
 * Thread-safety: not for concurrent mutation; a fully set options handle may be read by several
 * lks_token_mint calls at once. */
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
 * of concurrent lks_token_mint calls. The secret is not kept in memory. */
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
LKS_API lks_status lks_token_mint(lks_buf* out, const lks_token_signer* signer,
                                  const lks_token_options* opts);
/* The same, into the caller's `dst` of `capacity` bytes (NUL-terminated), for hot paths that
 * mint into a reused or stack buffer: no allocation per token once a thread has minted once.
 * `*length` receives the JWT's length (without the NUL) on success and the length needed on
 * LKS_OUT_OF_RANGE (dst too small; nothing written). Other errors as lks_token_mint. */
LKS_API lks_status lks_token_mint_to(char* dst, size_t capacity, size_t* length,
                                     const lks_token_signer* signer, const lks_token_options* opts);

/* Verifies tokens signed by any of a set of API keys (several for rotation). Configure with
 * lks_token_verifier_add_key / _set_leeway_seconds before sharing; lks_token_verify is then
 * thread-safe. */
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
LKS_API lks_status lks_token_verify(lks_buf* claims_json, const lks_token_verifier* verifier,
                                    const char* token, size_t token_len);

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
LKS_API int32_t lks_store_schema_version(void);

/* Copies `len` bytes into `*buf` (replacing its content), for host backends that must hand
 * bytes to the library. Errors: LKS_INVALID_ARGUMENT (NULL buf), LKS_RESOURCE_EXHAUSTED. */
LKS_API lks_status lks_buf_set(lks_buf* buf, const char* bytes, size_t len);

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
  uint32_t version; /* LKS_STORAGE_BACKEND_VERSION */
  uint32_t size;    /* sizeof(lks_storage_backend) */
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
 * Study-group service and REST handler (docs/rest-api.md, docs/embedding.md)
 *
 * An lks_service is the study-group policy (who gets which LiveKit token, moderation, webhook
 * ingestion, usage) over an lks_store and LiveKit, together with the seed's REST API as a function
 * from request bytes to response bytes, so a host in any language or framework can serve it.
 * Available when the library is built with LKS_WITH_ROOM_SERVICE (the default); otherwise every
 * function below returns LKS_UNIMPLEMENTED.
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
/* The secret the host app signs its users' JWTs with (APP_JWT_SECRET). Without it, only
 * lks_service_handle_request with a principal reaches the authenticated routes. */
LKS_API lks_status lks_service_options_set_app_jwt_secret(lks_service_options* opts,
                                                          const char* secret, size_t len);
/* Estimated cost per participant-minute for usage reports. Errors: LKS_INVALID_ARGUMENT if
 * negative. */
LKS_API lks_status lks_service_options_set_cost_per_participant_minute(lks_service_options* opts,
                                                                       double usd);
/* Lifetime of issued LiveKit tokens. Errors: LKS_INVALID_ARGUMENT if <= 0. */
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

/* A study-group service with its REST handler. Thread-safe: every function taking a const
 * lks_service* may be called from any number of threads at once. */
typedef struct lks_service lks_service;

/* Creates a service over `store` (shared: lks_store_free and lks_service_free may come in either
 * order). Errors: LKS_INVALID_ARGUMENT (NULL store or options, an invalid LiveKit URL). */
LKS_API lks_status lks_service_new(lks_service** out, lks_store* store,
                                   const lks_service_options* opts);
/* Frees `service`. NULL-safe. */
LKS_API void lks_service_free(lks_service* service);

/* Serves one REST request:
 *   method    "GET", "POST", ...
 *   target    the path with an optional query ("/api/study-groups?limit=10")
 *   headers   the request headers as "Name: value\r\n" lines (may be empty)
 *   body      the body bytes exactly as received (webhooks are verified over them)
 *   principal NULL to authenticate the caller from its "Authorization: Bearer <app JWT>" header,
 *             or a JSON object {"userId":"15","email":"..","name":"..","role":".."} for a user the
 *             host already authenticated (trusted as is).
 * On LKS_OK, `*status` is the HTTP status (including 4xx/5xx answers of the API, whose body has
 * the error), `headers` holds "Name: value\r\n" lines and `body` the JSON body.
 * Errors (no response at all): LKS_INVALID_ARGUMENT for NULL arguments or a malformed principal. */
LKS_API lks_status lks_service_handle_request(int* status, lks_buf* headers, lks_buf* body,
                                              const lks_service* service, const char* method,
                                              size_t method_len, const char* target,
                                              size_t target_len, const char* request_headers,
                                              size_t request_headers_len, const char* request_body,
                                              size_t request_body_len, const char* principal_json,
                                              size_t principal_json_len);

/* Mints an app user token (HS256 with `secret`) for {"userId","email","name","role"}, valid for
 * `ttl_seconds`: what a host app's login would issue; for tests and tools. Thread-safe.
 * Errors: LKS_INVALID_ARGUMENT (empty secret, no userId, ttl <= 0). */
LKS_API lks_status lks_app_token_mint(lks_buf* token, const char* secret, size_t secret_len,
                                      const char* principal_json, size_t principal_json_len,
                                      int64_t ttl_seconds);

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
  LKS_REGION_FAILOVER_NEVER = 2
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
                                                            int max_attempts);
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
LKS_API lks_status lks_room_create(lks_buf* room_json, const lks_room_client* client,
                                   const char* request_json, size_t request_len);
/* ListRooms. `names_json`: NULL for all rooms, or a JSON array of names. Writes {"rooms":[...]}. */
LKS_API lks_status lks_room_list(lks_buf* rooms_json, const lks_room_client* client,
                                 const char* names_json, size_t names_len);
/* DeleteRoom. LKS_NOT_FOUND when there is no such room. */
LKS_API lks_status lks_room_delete(const lks_room_client* client, const char* room,
                                   size_t room_len);
/* ListParticipants. Writes {"participants":[...]} (empty for an unknown room). */
LKS_API lks_status lks_room_list_participants(lks_buf* participants_json,
                                              const lks_room_client* client, const char* room,
                                              size_t room_len);
/* GetParticipant. Writes the ParticipantInfo JSON; LKS_NOT_FOUND when absent. */
LKS_API lks_status lks_room_get_participant(lks_buf* participant_json,
                                            const lks_room_client* client, const char* room,
                                            size_t room_len, const char* identity,
                                            size_t identity_len);
/* RemoveParticipant: disconnects the participant. */
LKS_API lks_status lks_room_remove_participant(const lks_room_client* client, const char* room,
                                               size_t room_len, const char* identity,
                                               size_t identity_len);
/* MutePublishedTrack (muted non-zero) or unmute. Writes the TrackInfo JSON. */
LKS_API lks_status lks_room_mute_published_track(lks_buf* track_json, const lks_room_client* client,
                                                 const char* room, size_t room_len,
                                                 const char* identity, size_t identity_len,
                                                 const char* track_sid, size_t track_sid_len,
                                                 int muted);
/* UpdateParticipant. `request_json` is an UpdateParticipantRequest: {"room","identity",
 * "metadata","name","attributes":{...},"permission":{...}}. Writes the ParticipantInfo JSON. */
LKS_API lks_status lks_room_update_participant(lks_buf* participant_json,
                                               const lks_room_client* client,
                                               const char* request_json, size_t request_len);
/* UpdateSubscriptions. `request_json`: {"room","identity","trackSids":[...],"subscribe":true}. */
LKS_API lks_status lks_room_update_subscriptions(const lks_room_client* client,
                                                 const char* request_json, size_t request_len);
/* SendData: `data` bytes to the room, or to the identities in `destinations_json` (a JSON array;
 * NULL for everyone), on `topic` (NULL for none); lossy non-zero for lossy delivery. */
LKS_API lks_status lks_room_send_data(const lks_room_client* client, const char* room,
                                      size_t room_len, const void* data, size_t data_len,
                                      const char* topic, size_t topic_len,
                                      const char* destinations_json, size_t destinations_len,
                                      int lossy);
/* UpdateRoomMetadata. Writes the Room JSON. */
LKS_API lks_status lks_room_update_room_metadata(lks_buf* room_json, const lks_room_client* client,
                                                 const char* room, size_t room_len,
                                                 const char* metadata, size_t metadata_len);
/* ForwardParticipant / MoveParticipant into `destination_room` (LiveKit Cloud). Self-hosted
 * livekit-server answers LKS_UNKNOWN, http_status 500, "... not implemented". */
LKS_API lks_status lks_room_forward_participant(const lks_room_client* client, const char* room,
                                                size_t room_len, const char* identity,
                                                size_t identity_len, const char* destination_room,
                                                size_t destination_room_len);
LKS_API lks_status lks_room_move_participant(const lks_room_client* client, const char* room,
                                             size_t room_len, const char* identity,
                                             size_t identity_len, const char* destination_room,
                                             size_t destination_room_len);
/* PerformRpc: calls `method` on participant `destination_identity`; writes its response payload
 * (text). response_timeout_ms 0 means the server's default. */
LKS_API lks_status lks_room_perform_rpc(lks_buf* response_payload, const lks_room_client* client,
                                        const char* room, size_t room_len,
                                        const char* destination_identity,
                                        size_t destination_identity_len, const char* method,
                                        size_t method_len, const char* payload, size_t payload_len,
                                        uint32_t response_timeout_ms);
/* Any RoomService method by name with a JSON request; writes the server's JSON answer. For
 * methods newer than this header. */
LKS_API lks_status lks_room_call_json(lks_buf* response_json, const lks_room_client* client,
                                      const char* method, size_t method_len,
                                      const char* request_json, size_t request_len);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* LKS_H_ */
