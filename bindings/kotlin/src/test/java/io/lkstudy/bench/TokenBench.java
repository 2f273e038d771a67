package io.lkstudy.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * lkstudy's Kotlin binding vs io.livekit:livekit-server in one JVM (docs/performance.md):
 *  - mint: the seed's token (identity, name, metadata, 6 h TTL, the seed's grants), a new
 *    AccessToken per operation, as an app backend does per request;
 *  - webhook: receive (verify + parse) of design.md's 253-byte room_started delivery.
 * Run: bash bindings/kotlin/bench/run.sh (not a test: figures are ratios of one run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenBench {
  static final String KEY = "APIbenchKey";
  static final String SECRET = "bench-secret-0123456789-abcdefghijklmnop";
  static final String METADATA = "{\"userId\":15,\"email\":\"john@example.com\"}";
  static final String ROOM = "study_group_1697123456_abc123ef";
  public static final byte[] BODY =
      ("{\"event\":\"room_started\", \"room\":{\"sid\":\"RM_TkVjUvAqgzKz\", \"name\":\"mytestroom\", "
              + "\"emptyTimeout\":300, \"creationTime\":\"1628545903\", \"turnPassword\":"
              + "\"ICkSr2rEeslkN6e9bXL4Ji5zzMD5Z7zzr6ulOaxMj6N\", \"enabledCodecs\":[{\"mime\":"
              + "\"audio/opus\"}, {\"mime\":\"video/VP8\"}]}}")
          .getBytes(StandardCharsets.UTF_8);
  static final String BODY_TEXT = new String(BODY, StandardCharsets.UTF_8);

  public String auth;
  io.lkstudy.WebhookReceiver ours;
  io.livekit.server.WebhookReceiver theirs;

  @Setup
  public void setup() throws Exception {
    io.livekit.server.AccessToken t = new io.livekit.server.AccessToken(KEY, SECRET);
    t.setSha256(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(BODY)));
    t.setTtl(3_600_000L);
    auth = t.toJwt();
    ours = new io.lkstudy.WebhookReceiver(KEY, SECRET);
    theirs = new io.livekit.server.WebhookReceiver(KEY, SECRET);
  }

  @Benchmark
  public String mintOurs() {
    io.lkstudy.AccessToken t = new io.lkstudy.AccessToken(KEY, SECRET);
    t.setIdentity("user_15");
    t.setName("John Doe");
    t.setMetadata(METADATA);
    t.addGrants(new io.lkstudy.RoomJoin(true), new io.lkstudy.RoomName(ROOM),
        new io.lkstudy.CanPublish(true), new io.lkstudy.CanSubscribe(true),
        new io.lkstudy.CanPublishData(true), new io.lkstudy.CanUpdateOwnMetadata(true));
    return t.toJwt();
  }

  @Benchmark
  public String mintTheirs() {
    io.livekit.server.AccessToken t = new io.livekit.server.AccessToken(KEY, SECRET);
    t.setIdentity("user_15");
    t.setName("John Doe");
    t.setMetadata(METADATA);
    t.addGrants(new io.livekit.server.RoomJoin(true), new io.livekit.server.RoomName(ROOM),
        new io.livekit.server.CanPublish(true), new io.livekit.server.CanSubscribe(true),
        new io.livekit.server.CanPublishData(true), new io.livekit.server.CanUpdateOwnMetadata(true));
    return t.toJwt();
  }

  @Benchmark
  public Object webhookOurs() {
    return ours.receive(BODY, auth);
  }

  @Benchmark
  public Object webhookTheirs() {
    return theirs.receive(BODY_TEXT, auth);
  }
}
