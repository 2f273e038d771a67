package io.lkstudy.examples

import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.Application
import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import io.ktor.server.netty.NettyApplicationEngine
import io.ktor.server.request.httpMethod
import io.ktor.server.request.receive
import io.ktor.server.request.uri
import io.ktor.server.response.respondBytes
import io.ktor.server.routing.route
import io.ktor.server.routing.routing
import io.ktor.http.ContentType
import io.lkstudy.RestHandler
import io.lkstudy.StudyGroupStore
import io.lkstudy.StudyGroups
import io.lkstudy.StudyGroupsOptions

/** Mounts the seed's REST API (`/api/...`) of [rest] in a Ktor application. */
fun Application.lkstudyApi(rest: RestHandler) {
    routing {
        route("/api/{...}") {
            handle {
                val headers = call.request.headers.entries().flatMap { (k, vs) -> vs.map { k to it } }
                val res = rest.handlePairs(call.request.httpMethod.value, call.request.uri, headers, call.receive<ByteArray>())
                var type: ContentType? = null
                for ((k, v) in res.headers) {
                    when {
                        k.equals(HttpHeaders.ContentType, true) -> type = ContentType.parse(v)
                        k.equals(HttpHeaders.ContentLength, true) -> Unit
                        else -> call.response.headers.append(k, v, safeOnly = false)
                    }
                }
                call.respondBytes(res.body, type, HttpStatusCode.fromValue(res.status))
            }
        }
    }
}

/** A study-group backend: store [storeUrl], LiveKit and app secrets from the options, on [port]. */
fun startServer(storeUrl: String, options: StudyGroupsOptions, port: Int): Triple<EmbeddedServer<NettyApplicationEngine, *>, StudyGroups, StudyGroupStore> {
    val store = StudyGroupStore.open(storeUrl)
    val groups = StudyGroups(store, options)
    val rest = RestHandler(groups)
    val server = embeddedServer(Netty, port = port, host = "127.0.0.1") { lkstudyApi(rest) }
    server.start(wait = false)
    return Triple(server, groups, store)
}

fun main() {
    val env = System.getenv()
    val (server, _, _) = startServer(
        env["LKS_STORE_URL"] ?: "sqlite:lkstudy.db",
        StudyGroupsOptions(
            livekitUrl = env["LIVEKIT_URL"], apiKey = env["LIVEKIT_API_KEY"], apiSecret = env["LIVEKIT_API_SECRET"],
            appJwtSecret = env["APP_JWT_SECRET"],
        ),
        (env["PORT"] ?: "3000").toInt(),
    )
    Runtime.getRuntime().addShutdownHook(Thread { server.stop(500, 2000) })
    Thread.currentThread().join()
}
