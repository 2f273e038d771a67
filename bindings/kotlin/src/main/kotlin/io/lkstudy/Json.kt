package io.lkstudy

import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.json.JsonMapper
import com.fasterxml.jackson.module.kotlin.KotlinFeature
import com.fasterxml.jackson.module.kotlin.KotlinModule

/**
 * The one JSON mapper of the binding (Jackson with its Kotlin module): models are data classes
 * with defaults, unknown fields are ignored (new server fields never break a host), nulls for
 * absent values become the defaults, and int64 values sent as strings (protojson) are read as
 * numbers. Jackson rather than kotlinx.serialization: no compiler plugin in the build, and it runs
 * unchanged on Android.
 */
internal object Json {
    val mapper: ObjectMapper = JsonMapper.builder()
        .addModule(
            KotlinModule.Builder()
                .enable(KotlinFeature.NullToEmptyCollection)
                .enable(KotlinFeature.NullToEmptyMap)
                .enable(KotlinFeature.NullIsSameAsDefault)
                .build(),
        )
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build()

    inline fun <reified T> decode(bytes: ByteArray): T = mapper.readValue(bytes, T::class.java)

    fun tree(bytes: ByteArray): JsonNode = mapper.readTree(bytes)

    fun encode(value: Any?): ByteArray = mapper.writeValueAsBytes(value)
}
