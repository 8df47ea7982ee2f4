package io.servicetsunami.adapters.openclaw.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JVM's half of the bridge into the gateway's network namespace: a loopback TCP port whose
 * connections go to a Unix socket ({@link #tcpToUnix}), or a Unix socket whose connections go to a
 * loopback TCP port ({@link #unixToTcp}). Unix sockets are files, so they cross network namespaces;
 * TCP on 127.0.0.1 does not.
 */
public final class UnixSocketBridge implements Closeable {

  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "unix-bridge");
            thread.setDaemon(true);
            return thread;
          });
  private final Closeable listener;
  private final int tcpPort;
  private volatile boolean closed;

  private UnixSocketBridge(Closeable listener, int tcpPort) {
    this.listener = listener;
    this.tcpPort = tcpPort;
  }

  /** Listens on 127.0.0.1 ({@code port}, 0 for any) and forwards to the Unix socket. */
  public static UnixSocketBridge tcpToUnix(int port, Path unixSocket) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    UnixSocketBridge bridge = new UnixSocketBridge(server, server.getLocalPort());
    bridge.threads.execute(
        () -> {
          while (!bridge.closed) {
            try {
              Socket client = server.accept();
              bridge.threads.execute(() -> bridge.toUnix(client, unixSocket));
            } catch (IOException e) {
              if (bridge.closed) {
                return;
              }
            }
          }
        });
    return bridge;
  }

  /** Listens on the Unix socket and forwards to 127.0.0.1:{@code port}. */
  public static UnixSocketBridge unixToTcp(Path unixSocket, int port) throws IOException {
    Files.deleteIfExists(unixSocket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(unixSocket));
    UnixSocketBridge bridge = new UnixSocketBridge(server, port);
    bridge.threads.execute(
        () -> {
          while (!bridge.closed) {
            try {
              SocketChannel client = server.accept();
              bridge.threads.execute(() -> bridge.toTcp(client, port));
            } catch (IOException e) {
              if (bridge.closed) {
                return;
              }
            }
          }
        });
    return bridge;
  }

  public int tcpPort() {
    return tcpPort;
  }

  private void toUnix(Socket client, Path unixSocket) {
    try {
      SocketChannel target = SocketChannel.open(UnixDomainSocketAddress.of(unixSocket));
      pump(
          Channels.newChannel(client.getInputStream()),
          Channels.newChannel(client.getOutputStream()),
          target,
          target,
          () -> {
            close(client);
            close(target);
          });
    } catch (IOException e) {
      close(client);
    }
  }

  private void toTcp(SocketChannel client, int port) {
    try {
      Socket target = new Socket(InetAddress.getLoopbackAddress(), port);
      target.setTcpNoDelay(true);
      pump(
          client,
          client,
          Channels.newChannel(target.getInputStream()),
          Channels.newChannel(target.getOutputStream()),
          () -> {
            close(client);
            close(target);
          });
    } catch (IOException e) {
      close(client);
    }
  }

  // Channels are used directly: streams from Channels.newInputStream/newOutputStream on one
  // SocketChannel share its blocking lock, so a pending read would block every write.
  private void pump(
      ReadableByteChannel aIn,
      WritableByteChannel aOut,
      ReadableByteChannel bIn,
      WritableByteChannel bOut,
      Runnable closeBoth) {
    threads.execute(() -> copy(aIn, bOut, closeBoth));
    threads.execute(() -> copy(bIn, aOut, closeBoth));
  }

  private static void copy(ReadableByteChannel in, WritableByteChannel out, Runnable closeBoth) {
    ByteBuffer buffer = ByteBuffer.allocate(65536);
    try {
      while (in.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        buffer.clear();
      }
    } catch (IOException ignored) {
      // one side went away
    } finally {
      closeBoth.run();
    }
  }

  private static void close(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    close(listener);
    threads.shutdownNow();
  }
}
