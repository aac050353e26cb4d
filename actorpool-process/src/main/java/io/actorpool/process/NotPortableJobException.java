package io.actorpool.process;

/**
 * A job was submitted to a process pool but cannot cross into its child JVM: it is neither a
 * {@link ProcessJob} of a registered type nor a {@code Callable} whose class is allow-listed and
 * Jackson-serializable. It is raised at once, before the job runs; the message says how to
 * register the job.
 */
public final class NotPortableJobException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what the job is and how to register it
   * @param cause why Jackson could not write it, or {@code null}
   */
  public NotPortableJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
