package io.actorpool.cluster;

import org.apache.pekko.annotation.ApiMayChange;

/**
 * A {@link RemoteJob} failed on the node that ran it: its handler threw, its type is not
 * registered there, or its payload did not fit the handler. The message names the original
 * exception's class and message; the exception object itself stays on that node, because
 * arbitrary exceptions cannot be serialized without Java serialization.
 */
@ApiMayChange
public final class RemoteJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RemoteJobException(String message) {
    super(message);
  }
}
