package io.actorpool.process;

/**
 * A job threw in its child JVM. The exception object stays in the child, because arbitrary
 * exceptions cannot cross the process boundary without Java serialization; this one carries the
 * original class name and message. ActorPool's own exceptions ({@code io.actorpool.*}) arrive with
 * their own type instead.
 */
public final class ProcessJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String exceptionClass;

  /**
   * @param exceptionClass the class name of the exception the job threw in the child
   * @param message that exception's message, or {@code null}
   */
  public ProcessJobException(String exceptionClass, String message) {
    super(exceptionClass + (message == null ? "" : ": " + message));
    this.exceptionClass = exceptionClass;
  }

  /** The class name of the exception the job threw in the child, e.g. {@code java.io.IOException}. */
  public String exceptionClass() {
    return exceptionClass;
  }
}
