package io.actorpool;

/** A pull-mode run was stopped by {@link Abort}; its running tasks were interrupted. */
public final class RunAbortedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunAbortedException(String message) {
    super(message);
  }
}
