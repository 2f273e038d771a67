package io.lkstudy

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/** LkStudyException.Code mirrors lks_status exactly (libsignal's habit: the lists cannot drift). */
class StatusCodeTest {
    @Test
    fun `every lks_status of the linked library has a Code with the same value and name`() {
        var code = 0
        while (true) {
            val name = Native.statusName(code)
            if (name.isEmpty()) break
            val mine = LkStudyException.Code.entries.firstOrNull { it.value == code }
            assertEquals(name, mine?.statusName, "lks_status $code ($name) has no LkStudyException.Code")
            code++
        }
        assertEquals(LkStudyException.Code.entries.size, code, "Code has values the library lacks")
    }

    @Test
    fun `every LKS_ enumerator of lks_status in lks_h is in Code`() {
        val header = File("../../capi/include/lks.h").readText()
        val body = header.substringAfter("typedef enum lks_status {").substringBefore("} lks_status;")
        val enumerators = Regex("""LKS_([A-Z_]+)\s*=\s*(\d+)""").findAll(body)
            .map { it.groupValues[1] to it.groupValues[2].toInt() }.filter { it.first != "STATUS_MAX_ENUM" }.toList()
        assertTrue(enumerators.size >= 17, "parsed ${enumerators.size} enumerators")
        for ((name, value) in enumerators) {
            val c = LkStudyException.Code.entries.firstOrNull { it.name == name }
            assertEquals(value, c?.value, "lks.h has LKS_$name = $value; LkStudyException.Code lacks it")
        }
        assertEquals(enumerators.size, LkStudyException.Code.entries.size)
    }

    @Test
    fun `the native library was loaded and reports its version`() {
        assertEquals(File("../../CMakeLists.txt").readText().let { Regex("""project\(lkstudy VERSION ([0-9.]+)""").find(it)!!.groupValues[1] }, LkStudy.version)
        assertTrue(LkStudy.nativeSource == "loadLibrary" || LkStudy.nativeSource.startsWith("jar:native/linux-x86_64/"), LkStudy.nativeSource)
    }

    @Test
    fun `failures carry code, reason, http status and a message naming the field`() {
        val e = runCatching { AccessToken("k", "s").apply { addGrants(RoomJoin(true), RoomName("r")) }.toJwt() }.exceptionOrNull()
        assertTrue(e is LkStudyException, "got $e")
        e as LkStudyException
        assertEquals(LkStudyException.Code.INVALID_ARGUMENT, e.code)
        assertEquals(400, e.httpStatus)
        assertTrue(e.message!!.startsWith("identity:"), e.message)
    }
}
