package io.actorpool.top;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads the {@code PoolSupervisorMXBean}s of one JVM into a {@link TopModel}. Connects to a local
 * JVM by pid through the Attach API (starting its local management agent, which needs no flags on
 * the target), or to {@code host:port} where the target runs a JMX RMI connector ({@code
 * -Dcom.sun.management.jmxremote.port=port}).
 */
final class JmxSource implements AutoCloseable {

  private static final ObjectName QUERY = queryName();
  private static final String[] ATTRIBUTES = {"Supervisor", "Desired", "Total", "Idle", "Busy",
      "Leased", "Draining", "Queued", "Units", "RunningJobs", "MinPools", "MaxPools", "Pools",
      "Leases", "RecentEvents", "Load"};
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final String target;
  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private JmxSource(String target, JMXConnector connector) throws IOException {
    this.target = target;
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
  }

  /**
   * Connects to {@code target}: a pid, or {@code host:port}.
   *
   * @throws IOException if the JVM cannot be reached
   */
  static JmxSource connect(String target) throws IOException {
    if (target.matches("\\d+")) {
      String address;
      try {
        VirtualMachine vm = VirtualMachine.attach(target);
        try {
          address = vm.startLocalManagementAgent();
        } finally {
          vm.detach();
        }
      } catch (com.sun.tools.attach.AttachNotSupportedException e) {
        throw new IOException("cannot attach to pid " + target + ": " + e.getMessage(), e);
      }
      return new JmxSource("pid " + target, JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }
    if (!target.matches("[^:]+:\\d+")) {
      throw new IllegalArgumentException("target must be a pid or host:port, was: [" + target
          + "]");
    }
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + target + "/jmxrmi");
    return new JmxSource(target, JMXConnectorFactory.connect(url));
  }

  /** Reads every supervisor now. */
  TopModel read() throws IOException {
    Set<ObjectName> names = new TreeSet<>(server.queryNames(QUERY, null));
    List<TopModel.Group> groups = new ArrayList<>();
    String load = "unknown";
    for (ObjectName name : names) {
      Map<String, Object> a = new HashMap<>();
      try {
        AttributeList list = server.getAttributes(name, ATTRIBUTES);
        for (Attribute attribute : list.asList()) {
          a.put(attribute.getName(), attribute.getValue());
        }
      } catch (JMException e) {
        continue; // unregistered between the query and the read: its supervisor just stopped
      }
      if (a.size() < ATTRIBUTES.length) {
        continue;
      }
      load = (String) a.get("Load");
      groups.add(new TopModel.Group((String) a.get("Supervisor"), i(a, "Desired"), i(a, "Total"),
          i(a, "Idle"), i(a, "Busy"), i(a, "Leased"), i(a, "Draining"), i(a, "Queued"),
          i(a, "Units"), i(a, "RunningJobs"), i(a, "MinPools"), i(a, "MaxPools"),
          strings(a, "Pools"), strings(a, "Leases"), strings(a, "RecentEvents")));
    }
    return new TopModel(target, TIME.format(LocalTime.now()), load, groups);
  }

  private static int i(Map<String, Object> a, String key) {
    return (Integer) a.get(key);
  }

  private static List<String> strings(Map<String, Object> a, String key) {
    return Arrays.asList((String[]) a.get(key));
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }

  private static ObjectName queryName() {
    try {
      return new ObjectName("io.actorpool:type=PoolSupervisor,*");
    } catch (JMException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
