package io.lkstudy

/**
 * A failure of an lkstudy call: [code] (the C ABI's lks_status), [reason] (the API's word, e.g.
 * `not_a_member`, `expired`, or ""), [httpStatus] (what the REST API answers for it) and a message
 * that names the field and the reason. Never carries a secret or a token.
 */
class LkStudyException(
    val code: Code,
    val reason: String,
    val httpStatus: Int,
    message: String,
) : RuntimeException(message) {

    /** lks_status, value for value (checked against lks.h by the tests). */
    enum class Code(val value: Int, val statusName: String) {
        OK(0, "ok"),
        CANCELLED(1, "canceled"),
        UNKNOWN(2, "unknown"),
        INVALID_ARGUMENT(3, "invalid_argument"),
        DEADLINE_EXCEEDED(4, "deadline_exceeded"),
        NOT_FOUND(5, "not_found"),
        ALREADY_EXISTS(6, "already_exists"),
        PERMISSION_DENIED(7, "permission_denied"),
        RESOURCE_EXHAUSTED(8, "resource_exhausted"),
        FAILED_PRECONDITION(9, "failed_precondition"),
        ABORTED(10, "aborted"),
        OUT_OF_RANGE(11, "out_of_range"),
        UNIMPLEMENTED(12, "unimplemented"),
        INTERNAL(13, "internal"),
        UNAVAILABLE(14, "unavailable"),
        DATA_LOSS(15, "data_loss"),
        UNAUTHENTICATED(16, "unauthenticated");

        companion object {
            private val byValue = entries.associateBy { it.value }
            /** The code of an lks_status value; UNKNOWN for one this binding does not know. */
            @JvmStatic
            fun of(value: Int): Code = byValue[value] ?: UNKNOWN
        }
    }

    override fun toString(): String =
        "LkStudyException(${code.statusName}${if (reason.isEmpty()) "" else ", $reason"}, http $httpStatus): $message"

    internal companion object {
        /** Called by the JNI glue (jni_util.cc) with lks_error_last()'s detail. */
        @JvmStatic
        fun fromNative(code: Int, message: ByteArray, reason: ByteArray, httpStatus: Long): LkStudyException =
            LkStudyException(Code.of(code), String(reason, Charsets.UTF_8), httpStatus.toInt(), String(message, Charsets.UTF_8))

        fun invalid(message: String, reason: String = ""): LkStudyException =
            LkStudyException(Code.INVALID_ARGUMENT, reason, 400, message)
    }
}
