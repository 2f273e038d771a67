package io.lkstudy

/**
 * Verifies and parses webhook deliveries from livekit-server, like io.livekit:livekit-server's
 * `WebhookReceiver(apiKey, apiSecret).receive(body, authHeader)`. The body must be the request's
 * bytes exactly as received; the Authorization header is the bare JWT livekit-server sends (a
 * `Bearer ` prefix is accepted). The token is verified, then the body's SHA-256 against its sha256
 * claim, and only then is the body parsed. Thread-safe once configured.
 *
 * Failures: [LkStudyException] UNAUTHENTICATED (reasons `missing_authorization`, `bad_signature`,
 * `expired`, `body_mismatch`, ...; httpStatus 401) or INVALID_ARGUMENT (`body_not_json`, `bad_event`).
 */
class WebhookReceiver() : NativeHandle(Native.receiverNew(), Native::receiverFree, "WebhookReceiver") {
    constructor(apiKey: String, apiSecret: String) : this() {
        addKey(apiKey, apiSecret)
    }

    /** Adds or replaces a key (several during rotation; not while other threads receive). */
    fun addKey(apiKey: String, apiSecret: String): WebhookReceiver = apply {
        borrow { Native.receiverAddKey(it, apiKey, apiSecret) }
    }

    /** Tolerance applied to the token's nbf and exp, in seconds (>= 0). */
    fun setLeewaySeconds(seconds: Long): WebhookReceiver = apply {
        borrow { Native.receiverSetLeeway(it, seconds) }
    }

    /**
     * The verified event. The native side only checks authenticity (the body is LiveKit's
     * camelCase protojson already); the verified bytes are then decoded here, in one step.
     */
    fun receive(body: ByteArray, authHeader: String): WebhookEvent {
        verify(body, authHeader)
        val event = try {
            Json.decode<WebhookEvent>(body)
        } catch (e: com.fasterxml.jackson.core.JsonProcessingException) {
            // As lks_webhook_receiver_receive: not JSON at all, or a known field of the wrong type.
            if (e is com.fasterxml.jackson.databind.JsonMappingException && e !is com.fasterxml.jackson.core.JsonParseException) {
                val field = e.path.joinToString(".") { it.fieldName ?: "[${it.index}]" }
                throw LkStudyException.invalid("$field: wrong type in the webhook event", "bad_event")
            }
            throw LkStudyException.invalid("body: not a JSON object", "body_not_json")
        }
        return event
    }

    /** The same for a body already held as text (its UTF-8 bytes are what is checked). */
    fun receive(body: String, authHeader: String): WebhookEvent = receive(body.toByteArray(Charsets.UTF_8), authHeader)

    /**
     * The verified event as JSON bytes: the body itself ([raw], every field the server sent) or
     * lkstudy's normalized view (every modelled field present, unknown ones dropped).
     */
    fun receiveJson(body: ByteArray, authHeader: String, raw: Boolean = true): ByteArray =
        borrow { Native.receiverReceive(it, body, authHeader, if (raw) 0 else 1) }

    /** Only the authenticity checks (no parsing). */
    fun verify(body: ByteArray, authHeader: String) {
        borrow { Native.receiverVerify(it, body, authHeader) }
    }

    companion object {
        /**
         * The Authorization header livekit-server would send with [body] (for tests and relays):
         * a JWT of [apiKey] valid for [ttlSeconds] whose sha256 claim is the body's hash.
         */
        @JvmStatic
        @JvmOverloads
        fun sign(apiKey: String, apiSecret: String, body: ByteArray, ttlSeconds: Long = 300): String =
            Native.webhookSign(apiKey, apiSecret, body, ttlSeconds)
    }
}
