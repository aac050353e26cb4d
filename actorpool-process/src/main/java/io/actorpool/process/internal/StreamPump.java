package io.actorpool.process.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import org.apache.pekko.annotation.InternalApi;
import org.slf4j.Logger;

/**
 * INTERNAL API.
 *
 * <p>Copies a child's stdout or stderr into the parent's logger one line at a time, on a daemon
 * thread, so the child never blocks on a full pipe and its output is attributed to its pool.
 */
@InternalApi
final class StreamPump {

  private StreamPump() {}

  static void start(InputStream in, Logger log, boolean error, String worker) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(in, Charset.defaultCharset()))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (error) {
            log.warn("[{}] {}", worker, line);
          } else {
            log.info("[{}] {}", worker, line);
          }
        }
      } catch (IOException e) {
        // The child is gone; so is its output.
      }
    }, worker + (error ? "-stderr" : "-stdout"));
    t.setDaemon(true);
    t.start();
  }
}
