package io.actorpool;

/**
 * Pauses the active pull-mode run: no new task starts; running ones go on. Reply: {@code Done}
 * once no task of the run is running (Crawlee's {@code pause()}), at once if none was.
 */
public enum Pause {
  INSTANCE
}
