package io.actorpool.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorpool.cluster.NodeLoad;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementTest {

  private static final Placement ANY =
      new Placement(Set.of(), /* loadTolerance= */ 0.1, /* maxMoves= */ 2, /* threshold= */ 3);

  private static NodeLoad load(double cpu, boolean overloaded) {
    return new NodeLoad(cpu, 0.1, overloaded, 0L);
  }

  private static Placement.Node<String> node(String name, Set<String> roles, NodeLoad load,
      String... shards) {
    return new Placement.Node<>(name, "pekko://t@127.0.0.1:" + name, roles, load, List.of(shards));
  }

  @Test
  void allocate_equalLoad_picksFewestGroups() {
    var nodes = List.of(
        node("1", Set.of(), load(0.31, false), "a", "b"),
        node("2", Set.of(), load(0.38, false), "c"),
        node("3", Set.of(), load(0.35, false), "d", "e"));
    assertEquals("2", ANY.allocate(nodes).orElseThrow().region());
  }

  @Test
  void allocate_fewerGroups_winOverALowerLoadBand_loadBreaksTies() {
    // Group count first spreads a burst like Pekko's default strategy, so a steady cluster has
    // nothing to move (the failover benchmark showed moves near a crash cost a 60 s hand-off).
    var uneven = List.of(
        node("1", Set.of(), load(0.12, false), "a", "b", "c"),
        node("2", Set.of(), load(0.55, false)));
    assertEquals("2", ANY.allocate(uneven).orElseThrow().region());
    var even = List.of(
        node("1", Set.of(), load(0.55, false), "a"),
        node("2", Set.of(), load(0.12, false), "b"));
    assertEquals("2", ANY.allocate(even).orElseThrow().region());
  }

  @Test
  void allocate_overloadedNode_isSkippedUnlessAllAre() {
    var some = List.of(
        node("1", Set.of(), load(0.95, true)),
        node("2", Set.of(), load(0.80, false), "a", "b", "c", "d"));
    assertEquals("2", ANY.allocate(some).orElseThrow().region());
    var all = List.of(
        node("1", Set.of(), load(0.95, true), "a"),
        node("2", Set.of(), load(0.97, true)));
    assertEquals("2", ANY.allocate(all).orElseThrow().region());
  }

  @Test
  void allocate_requiredRoles_onlyNodesWithAllOfThem() {
    Placement gpuLinux = new Placement(Set.of("gpu", "linux"), 0.1, 1, 3);
    var nodes = List.of(
        node("1", Set.of(), load(0.0, false)),
        node("2", Set.of("gpu"), load(0.0, false)),
        node("3", Set.of("gpu", "linux", "ssd"), load(0.9, false), "a", "b"));
    assertEquals("3", gpuLinux.allocate(nodes).orElseThrow().region());
    assertTrue(gpuLinux.allocate(nodes.subList(0, 2)).isEmpty());
  }

  @Test
  void rebalance_overloadedNode_movesAtMostBudget() {
    var nodes = List.of(
        node("1", Set.of(), load(0.95, true), "a", "b", "c"),
        node("2", Set.of(), load(0.2, false), "d"));
    assertEquals(Set.of("a", "b"), ANY.rebalance(nodes, Set.of()));
    assertEquals(Set.of("b"), ANY.rebalance(nodes, Set.of("a")));
    assertEquals(Set.of(), ANY.rebalance(nodes, Set.of("a", "x")));
  }

  @Test
  void rebalance_everyNodeOverloaded_movesNothing() {
    var nodes = List.of(
        node("1", Set.of(), load(0.95, true), "a", "b", "c"),
        node("2", Set.of(), load(0.96, true)));
    assertEquals(Set.of(), ANY.rebalance(nodes, Set.of()));
  }

  @Test
  void rebalance_countImbalance_movesOneOnlyPastThreshold() {
    var below = List.of(
        node("1", Set.of(), load(0.2, false), "a", "b", "c", "d"),
        node("2", Set.of(), load(0.2, false), "e", "f"));
    assertEquals(Set.of(), ANY.rebalance(below, Set.of()));
    var past = List.of(
        node("1", Set.of(), load(0.2, false), "a", "b", "c", "d", "e"),
        node("2", Set.of(), load(0.2, false), "f", "g"),
        node("3", Set.of(), load(0.2, false)));
    assertEquals(Set.of("e"), ANY.rebalance(past, Set.of()));
  }

  @Test
  void rebalance_unevenCounts_movesOneGroupWhereAllocationAlsoPutsIt() {
    var nodes = List.of(
        node("1", Set.of(), load(0.05, false), "a", "b", "c", "d", "e"),
        node("2", Set.of(), load(0.6, false)));
    assertEquals(Set.of("e"), ANY.rebalance(nodes, Set.of()));
    // The moved group is allocated to node 2, the target, so it cannot bounce back.
    assertEquals("2", ANY.allocate(nodes).orElseThrow().region());
  }

  @Test
  void unavailableNode_isNeitherTargetNorSource() {
    var nodes = List.of(
        new Placement.Node<>("1", "a1", Set.<String>of(), load(0.0, false), List.<String>of(),
            /* available= */ false),
        new Placement.Node<>("2", "a2", Set.<String>of(), load(0.5, false), List.of("x"), true),
        new Placement.Node<>("3", "a3", Set.of("gpu"), load(0.99, true), List.of("a", "b"),
            /* available= */ false));
    assertEquals("2", ANY.allocate(nodes).orElseThrow().region());
    assertEquals(Set.of(), ANY.rebalance(nodes, Set.of()));
  }
}
