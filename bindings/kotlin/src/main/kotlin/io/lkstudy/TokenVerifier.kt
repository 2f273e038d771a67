package io.lkstudy

import com.fasterxml.jackson.annotation.JsonAlias

/** The `video` claim of a verified token; absent keys are null (tri-states stay tri-state). */
data class VideoClaims(
    val roomCreate: Boolean? = null,
    val roomList: Boolean? = null,
    val roomRecord: Boolean? = null,
    val roomAdmin: Boolean? = null,
    val roomJoin: Boolean? = null,
    val room: String? = null,
    val canPublish: Boolean? = null,
    val canSubscribe: Boolean? = null,
    val canPublishData: Boolean? = null,
    val canPublishSources: List<String>? = null,
    val canUpdateOwnMetadata: Boolean? = null,
    val ingressAdmin: Boolean? = null,
    val hidden: Boolean? = null,
    val recorder: Boolean? = null,
    val agent: Boolean? = null,
    val canSubscribeMetrics: Boolean? = null,
    val canManageAgentSession: Boolean? = null,
    val destinationRoom: String? = null,
)

data class SipClaims(val admin: Boolean? = null, val call: Boolean? = null)
data class AgentClaims(val admin: Boolean? = null)
data class InferenceClaims(val perform: Boolean? = null)
data class ObservabilityClaims(val write: Boolean? = null)

/** The claims of a verified access token (`iss` is the API key, `sub` the identity). */
data class ClaimGrants(
    val iss: String = "",
    val sub: String? = null,
    val nbf: Long? = null,
    val exp: Long = 0,
    val name: String? = null,
    val metadata: String? = null,
    val attributes: Map<String, String>? = null,
    val video: VideoClaims? = null,
    val sip: SipClaims? = null,
    val agent: AgentClaims? = null,
    val inference: InferenceClaims? = null,
    val observability: ObservabilityClaims? = null,
    val kind: String? = null,
    val sha256: String? = null,
    val roomPreset: String? = null,
    @JsonAlias("room_config") val roomConfig: com.fasterxml.jackson.databind.JsonNode? = null,
) {
    val identity: String? get() = sub
}

/**
 * Verifies access tokens (HS256 only, `exp` required) signed by any of its keys (several during
 * rotation), with a leeway on nbf/exp (default 60 s). Configure, then share: [verify] is
 * thread-safe. Failures are [LkStudyException] UNAUTHENTICATED with reason `malformed`,
 * `bad_base64`, `unsupported_alg`, `unknown_key`, `bad_signature`, `missing_exp`, `expired` or
 * `not_yet_valid`.
 */
class TokenVerifier() : NativeHandle(Native.verifierNew(), Native::verifierFree, "TokenVerifier") {
    /** A verifier of one key pair. */
    constructor(apiKey: String, apiSecret: String) : this() {
        addKey(apiKey, apiSecret)
    }

    /** Adds or replaces a key (not while other threads verify). Returns this. */
    fun addKey(apiKey: String, apiSecret: String): TokenVerifier = apply {
        borrow { Native.verifierAddKey(it, apiKey, apiSecret) }
    }

    /** Tolerance applied to nbf and exp, in seconds (>= 0). Returns this. */
    fun setLeewaySeconds(seconds: Long): TokenVerifier = apply {
        borrow { Native.verifierSetLeeway(it, seconds) }
    }

    /** The claims of [token] once its signature and times check out. */
    fun verify(token: String): ClaimGrants = Json.decode(borrow { Native.verifierVerify(it, token) })

    /** The verified claims as the library's JSON (defaults omitted). */
    fun verifyJson(token: String): String = String(borrow { Native.verifierVerify(it, token) }, Charsets.UTF_8)
}
