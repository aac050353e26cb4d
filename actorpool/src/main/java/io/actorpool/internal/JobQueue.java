package io.actorpool.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The supervisor's waiting jobs, one FIFO per set of required capabilities, so a job waiting
 * for a {@code gpu} pool never holds up plain jobs behind it, while each kind stays in arrival
 * order. Confined to the supervisor actor.
 */
@InternalApi
final class JobQueue implements Iterable<Job> {

  private final Map<Set<String>, ArrayDeque<Job>> byRequirement = new LinkedHashMap<>();
  private int size;
  private long seq;

  void add(Job job) {
    job.seq = ++seq;
    byRequirement.computeIfAbsent(job.requires, k -> new ArrayDeque<>()).addLast(job);
    size++;
  }

  /** Puts a job back at the front of its line, keeping its original place in arrival order. */
  void addFirst(Job job) {
    if (job.seq == 0) {
      job.seq = ++seq;
    }
    byRequirement.computeIfAbsent(job.requires, k -> new ArrayDeque<>()).addFirst(job);
    size++;
  }

  /** The oldest job a pool offering {@code offered} can run, removed; null if none. */
  Job pollFor(Set<String> offered) {
    ArrayDeque<Job> best = null;
    for (Map.Entry<Set<String>, ArrayDeque<Job>> e : byRequirement.entrySet()) {
      Job head = e.getValue().peekFirst();
      if (head != null && offered.containsAll(e.getKey())
          && (best == null || head.seq < best.peekFirst().seq)) {
        best = e.getValue();
      }
    }
    if (best == null) {
      return null;
    }
    size--;
    return best.pollFirst();
  }

  Job poll(Set<String> requirement) {
    ArrayDeque<Job> line = byRequirement.get(requirement);
    Job job = line == null ? null : line.pollFirst();
    if (job != null) {
      size--;
    }
    return job;
  }

  boolean remove(Job job) {
    ArrayDeque<Job> line = byRequirement.get(job.requires);
    if (line != null && line.remove(job)) {
      size--;
      return true;
    }
    return false;
  }

  /** The requirement sets with waiting jobs, the one whose head waited longest first. */
  List<Set<String>> requirementsByAge() {
    List<Map.Entry<Set<String>, ArrayDeque<Job>>> waiting = new ArrayList<>();
    for (Map.Entry<Set<String>, ArrayDeque<Job>> e : byRequirement.entrySet()) {
      if (!e.getValue().isEmpty()) {
        waiting.add(e);
      }
    }
    waiting.sort(Comparator.comparingLong(e -> e.getValue().peekFirst().seq));
    List<Set<String>> keys = new ArrayList<>(waiting.size());
    waiting.forEach(e -> keys.add(e.getKey()));
    return keys;
  }

  /** Waiting jobs per requirement set, for the sizing policies. */
  Map<Set<String>, Integer> sizesByRequirement() {
    Map<Set<String>, Integer> sizes = new LinkedHashMap<>();
    byRequirement.forEach((k, v) -> {
      if (!v.isEmpty()) {
        sizes.put(k, v.size());
      }
    });
    return sizes;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    byRequirement.clear();
    size = 0;
  }

  @Override
  public Iterator<Job> iterator() {
    List<Job> all = new ArrayList<>(size);
    byRequirement.values().forEach(all::addAll);
    return all.iterator();
  }
}
