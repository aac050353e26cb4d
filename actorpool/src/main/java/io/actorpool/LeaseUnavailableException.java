package io.actorpool;

/** No pool could be leased within the requested wait: every pool was leased or busy and {@code max-pools} were in use. */
public final class LeaseUnavailableException extends LeaseException {
  private static final long serialVersionUID = 1L;

  public LeaseUnavailableException(String message) {
    super(message);
  }

  public LeaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
