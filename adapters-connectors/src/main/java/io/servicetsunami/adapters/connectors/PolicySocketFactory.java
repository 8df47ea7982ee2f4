package io.servicetsunami.adapters.connectors;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * The socket factory the PostgreSQL driver is given ({@code socketFactory}): its sockets check the
 * address they are about to connect to against the connector's {@link HostPolicy}, after the driver
 * resolved the name, so that a name resolving to a forbidden address between the policy check and
 * the connect is still refused. The driver instantiates it by class name with a string argument,
 * the key of the policy registered here.
 */
public final class PolicySocketFactory extends SocketFactory {

  private static final Map<String, HostPolicy> POLICIES = new ConcurrentHashMap<>();
  private static final AtomicLong KEYS = new AtomicLong();

  private final HostPolicy policy;

  /** Called by the PostgreSQL driver with {@code socketFactoryArg}. */
  public PolicySocketFactory(String key) {
    HostPolicy registered = POLICIES.get(key);
    if (registered == null) {
      throw new IllegalArgumentException("no host policy registered under " + key);
    }
    this.policy = registered;
  }

  /** Registers a connector's policy; the key goes into the driver's {@code socketFactoryArg}. */
  static String register(HostPolicy policy) {
    String key = "policy-" + KEYS.incrementAndGet();
    POLICIES.put(key, policy);
    return key;
  }

  @Override
  public Socket createSocket() {
    return new CheckedSocket(policy);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    throw new IOException("binding a local address is not supported");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    throw new IOException("binding a local address is not supported");
  }

  /** Thrown (inside the driver's IOException handling) when the policy refuses an address. */
  static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  private static final class CheckedSocket extends Socket {
    private final HostPolicy policy;

    CheckedSocket(HostPolicy policy) {
      this.policy = policy;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress inet) || inet.getAddress() == null) {
        throw new Refused("connector host " + endpoint + " is not a resolved address");
      }
      try {
        policy.checkAddress(inet.getAddress());
      } catch (RuntimeException e) {
        throw new Refused(e.getMessage());
      }
      super.connect(endpoint, timeout);
    }
  }
}
