package io.lkstudy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The same four operations as {@link TokenBench}, interleaved in rounds and timed in thread CPU
 * time (ThreadMXBean), so the ratio holds on a machine shared with other work, where JMH's wall
 * time per operation swings with the load. Prints the median ns/op of each and the ratios.
 * Run: bash bindings/kotlin/bench/run.sh --cpu [rounds]; `--cpu --loop SECONDS` only mints (ours),
 * for perf (docs/performance.md).
 */
public final class CpuRatio {
  interface Op {
    Object run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    TokenBench b = new TokenBench();
    b.setup();
    if (args.length == 2 && args[0].equals("--loop")) { // only mintOurs, for a profiler
      long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
      long n = 0;
      Object last = null;
      while (System.nanoTime() < end) {
        for (int i = 0; i < 10_000; i++) last = b.mintOurs();
        n += 10_000;
      }
      System.out.printf("mintOurs x %d (%d chars)%n", n, ((String) last).length());
      return;
    }
    String[] names = {"mintOurs", "mintTheirs", "webhookOurs", "webhookTheirs"};
    Op[] ops = {b::mintOurs, b::mintTheirs, b::webhookOurs, b::webhookTheirs};
    int[] batch = {20_000, 4_000, 20_000, 1_000};
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] perOp = new double[ops.length][rounds];
    Object sink = null;
    for (int warm = 0; warm < 3; warm++) {
      for (int i = 0; i < ops.length; i++) {
        for (int n = 0; n < batch[i]; n++) sink = ops[i].run();
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < ops.length; i++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int n = 0; n < batch[i]; n++) sink = ops[i].run();
        perOp[i][r] = (mx.getCurrentThreadCpuTime() - t0) / (double) batch[i];
      }
    }
    double[] median = new double[ops.length];
    for (int i = 0; i < ops.length; i++) {
      double[] v = perOp[i].clone();
      Arrays.sort(v);
      median[i] = v[rounds / 2];
      System.out.printf("%-14s %10.0f ns/op CPU (median of %d rounds)%n", names[i], median[i], rounds);
    }
    System.out.printf("mint:    ours %.1fx faster than io.livekit:livekit-server%n", median[1] / median[0]);
    System.out.printf("webhook: ours %.1fx faster than io.livekit:livekit-server%n", median[3] / median[2]);
    if (sink == null) System.out.println();
  }
}
