package io.lkstudy

/**
 * One key of a token's VideoGrant, with the class names of io.livekit:livekit-server
 * (`RoomJoin(true)`, `RoomName("r")`, `CanPublishSources(listOf("camera"))`, ...), so
 * `token.addGrants(RoomJoin(true), RoomName("r"))` reads the same with either library.
 */
sealed class VideoGrant(val key: String, val value: Any) {
    internal abstract fun appendJson(sb: StringBuilder)
}

/**
 * A boolean VideoGrant key. `bit` is the key's own bit in AccessToken's grant-set memo (one per
 * subclass), so minting looks the grant set up without hashing the keys.
 */
sealed class BooleanVideoGrant(key: String, val flag: Boolean, internal val bit: Int) : VideoGrant(key, flag) {
    override fun appendJson(sb: StringBuilder) {
        sb.append('"').append(key).append("\":").append(flag)
    }
}

/** A string VideoGrant key. */
sealed class StringVideoGrant(key: String, val text: String) : VideoGrant(key, text) {
    override fun appendJson(sb: StringBuilder) {
        sb.append('"').append(key).append("\":")
        appendJsonString(sb, text)
    }
}

class RoomCreate(value: Boolean) : BooleanVideoGrant("roomCreate", value, 1 shl 0)
class RoomList(value: Boolean) : BooleanVideoGrant("roomList", value, 1 shl 1)
class RoomRecord(value: Boolean) : BooleanVideoGrant("roomRecord", value, 1 shl 2)
class RoomAdmin(value: Boolean) : BooleanVideoGrant("roomAdmin", value, 1 shl 3)
class RoomJoin(value: Boolean) : BooleanVideoGrant("roomJoin", value, 1 shl 4)
class RoomName(value: String) : StringVideoGrant("room", value)
class CanPublish(value: Boolean) : BooleanVideoGrant("canPublish", value, 1 shl 5)
class CanSubscribe(value: Boolean) : BooleanVideoGrant("canSubscribe", value, 1 shl 6)
class CanPublishData(value: Boolean) : BooleanVideoGrant("canPublishData", value, 1 shl 7)
class CanUpdateOwnMetadata(value: Boolean) : BooleanVideoGrant("canUpdateOwnMetadata", value, 1 shl 8)
class IngressAdmin(value: Boolean) : BooleanVideoGrant("ingressAdmin", value, 1 shl 9)
class Hidden(value: Boolean) : BooleanVideoGrant("hidden", value, 1 shl 10)
class Recorder(value: Boolean) : BooleanVideoGrant("recorder", value, 1 shl 11)
class Agent(value: Boolean) : BooleanVideoGrant("agent", value, 1 shl 12)
class CanSubscribeMetrics(value: Boolean) : BooleanVideoGrant("canSubscribeMetrics", value, 1 shl 13)
class CanManageAgentSession(value: Boolean) : BooleanVideoGrant("canManageAgentSession", value, 1 shl 14)
class DestinationRoom(value: String) : StringVideoGrant("destinationRoom", value)

/** Which sources the participant may publish: "camera", "microphone", "screen_share", "screen_share_audio". */
class CanPublishSources(val sources: List<String>) : VideoGrant("canPublishSources", sources) {
    override fun appendJson(sb: StringBuilder) {
        sb.append("\"canPublishSources\":[")
        sources.forEachIndexed { i, s ->
            if (i > 0) sb.append(',')
            appendJsonString(sb, s)
        }
        sb.append(']')
    }
}

/** The SIP grant's keys, as io.livekit:livekit-server names them. */
sealed class SIPGrant(val key: String, val value: Boolean)
class SIPAdmin(value: Boolean) : SIPGrant("admin", value)
class SIPCall(value: Boolean) : SIPGrant("call", value)

internal fun appendJsonString(sb: StringBuilder, s: String) {
    sb.append('"')
    for (c in s) {
        when {
            c == '"' -> sb.append("\\\"")
            c == '\\' -> sb.append("\\\\")
            c < ' ' -> sb.append(String.format("\\u%04x", c.code))
            else -> sb.append(c)
        }
    }
    sb.append('"')
}
