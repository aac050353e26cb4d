package io.actorpool;

import java.util.Objects;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Starts a pull-mode run of {@code source} on a supervisor. One run at a time per supervisor.
 *
 * <p>Reply to the sender, once: {@link RunCompleted} when {@code isFinished} says yes and no task
 * runs; or {@code Status.Failure} with the first task failure (unless {@code
 * pull.continue-on-error}), the failure of {@code isTaskReady}/{@code isFinished}, or {@link
 * RunAbortedException} after {@link Abort}. A second {@code Run} while one is active fails with
 * {@link IllegalStateException}.
 */
public record Run(TaskSource source) implements NoSerializationVerificationNeeded {
  public Run {
    Objects.requireNonNull(source, "source");
  }
}
