package io.actorpool;

/** The lease was released (by its holder, or because its holder actor stopped); work can no longer be submitted under it. */
public final class LeaseReleasedException extends LeaseException {
  private static final long serialVersionUID = 1L;

  public LeaseReleasedException(String message) {
    super(message);
  }

  public LeaseReleasedException(String message, Throwable cause) {
    super(message, cause);
  }
}
