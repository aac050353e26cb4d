package io.actorpool;

/** Resumes a paused pull-mode run. Reply: {@code Done}. */
public enum Resume {
  INSTANCE
}
