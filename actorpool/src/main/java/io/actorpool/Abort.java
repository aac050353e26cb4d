package io.actorpool;

/**
 * Aborts the active pull-mode run, like Crawlee's {@code abort()}: no new task starts, running
 * tasks are interrupted (their callers see {@link RunAbortedException}), and the sender of {@link
 * Run} receives {@code Status.Failure(RunAbortedException)}. Reply: {@code Done}, also when no run
 * was active.
 */
public enum Abort {
  INSTANCE
}
