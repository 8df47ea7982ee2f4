package io.servicetsunami.adapters.openclaw.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted OpenClaw gateway on loopback, JDK only (no WebSocket library): it speaks just enough
 * of RFC 6455 and of protocol v4 to stand in for the real gateway where the real one cannot be made
 * to misbehave — slow responses, malformed and oversized frames, duplicate and unknown response
 * ids, a close in the middle of the handshake, a socket that dies mid-call.
 *
 * <p>By default it behaves like a healthy gateway: it sends {@code connect.challenge} on open,
 * checks the token and the Ed25519 device signature of {@code connect} and answers {@code
 * hello-ok}; {@code tools.invoke} echoes its arguments, {@code chat.send} answers {@code started}
 * and then a final {@code chat} event echoing the message, {@code agent} answers {@code accepted}
 * and then the final result, {@code skills.update} and {@code chat.history} answer ok. A {@link
 * Script} installed with {@link #script} sees every request first and may answer it differently.
 */
public final class ScriptedGateway implements Closeable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** One request the gateway received. */
  public record Request(Connection connection, String id, String method, JsonNode params) {}

  /** Decides how to answer a request; returns {@code false} to leave it to the defaults. */
  @FunctionalInterface
  public interface Script {
    boolean handle(Request request) throws IOException;
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemonThreads());
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger upgrades = new AtomicInteger();
  private final Map<String, String> finishedRuns = new ConcurrentHashMap<>();
  private volatile String token;
  private volatile Script script = request -> false;
  private volatile boolean sendChallenge = true;
  private volatile long tickIntervalMs = 30_000;
  private volatile long maxPayload = 26_214_400;
  private volatile int readyStatus = 200;
  private volatile boolean verifySignatures = true;
  private volatile boolean closed;

  public ScriptedGateway(String token) throws IOException {
    this(token, 0);
  }

  /** On {@code port} of 127.0.0.1 (0 for any free port). */
  public ScriptedGateway(String token, int port) throws IOException {
    this.token = token;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    threads.execute(this::acceptLoop);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public int port() {
    return server.getLocalPort();
  }

  public ScriptedGateway script(Script newScript) {
    this.script = newScript;
    return this;
  }

  public ScriptedGateway token(String newToken) {
    this.token = newToken;
    return this;
  }

  public ScriptedGateway tickIntervalMs(long interval) {
    this.tickIntervalMs = interval;
    return this;
  }

  public ScriptedGateway maxPayload(long bytes) {
    this.maxPayload = bytes;
    return this;
  }

  public ScriptedGateway readyStatus(int status) {
    this.readyStatus = status;
    return this;
  }

  public ScriptedGateway sendChallenge(boolean send) {
    this.sendChallenge = send;
    return this;
  }

  /** Whether {@code connect} must carry a valid device signature (default yes). */
  public ScriptedGateway verifySignatures(boolean verify) {
    this.verifySignatures = verify;
    return this;
  }

  /** WebSocket upgrades accepted so far (one per connection attempt). */
  public int upgrades() {
    return upgrades.get();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  public List<Connection> openConnections() {
    return connections.stream().filter(c -> !c.isClosed()).toList();
  }

  /** Kills every open socket without a close frame, as a crashed gateway would. */
  public void killConnections() {
    connections.forEach(Connection::kill);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    killConnections();
    threads.shutdownNow();
  }

  // ---- server ----------------------------------------------------------------------------------

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String path = requestLine.length > 1 ? requestLine[1] : "/";
      String key = null;
      boolean upgrade = false;
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = line.substring(colon + 1).trim();
          if (name.equals("sec-websocket-key")) {
            key = value;
          } else if (name.equals("upgrade") && value.equalsIgnoreCase("websocket")) {
            upgrade = true;
          }
        }
      }
      if (!upgrade) {
        answerHttp(out, path);
        return;
      }
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest((key + WEBSOCKET_GUID).getBytes(UTF_8)));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(UTF_8));
      out.flush();
      upgrades.incrementAndGet();
      Connection connection = new Connection(socket, in, out);
      connections.add(connection);
      connection.run();
    } catch (Exception e) {
      // a dead socket ends its connection; nothing else to do
    }
  }

  private void answerHttp(OutputStream out, String path) throws IOException {
    int status = path.startsWith("/readyz") ? readyStatus : 200;
    String body =
        path.startsWith("/readyz") ? "{\"ready\":" + (status == 200) + "}" : "<html></html>";
    out.write(
        ("HTTP/1.1 "
                + status
                + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(UTF_8).length
                + "\r\nConnection: close\r\n\r\n"
                + body)
            .getBytes(UTF_8));
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      head.write(b);
      last4 = (last4 << 8) | b;
      if (head.size() > 65536) {
        throw new IOException("request head too long");
      }
    }
    return head.toString(UTF_8);
  }

  /** A new JSON object node. */
  public static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  public static ObjectNode chatFinal(String runId, String text) {
    ObjectNode payload =
        obj().put("runId", runId).put("sessionKey", "agent:main:x").put("state", "final");
    payload
        .putObject("message")
        .put("role", "assistant")
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", text);
    return payload;
  }

  // ---- one WebSocket ---------------------------------------------------------------------------

  /** One client socket. */
  public final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private volatile boolean connected;
    private volatile boolean closedConnection;
    private volatile String nonce;
    private volatile JsonNode connectParams;

    Connection(Socket socket, InputStream in, OutputStream out) {
      this.socket = socket;
      this.in = in;
      this.out = out;
    }

    public boolean isClosed() {
      return closedConnection;
    }

    /** The params of this connection's {@code connect} request, once received. */
    public JsonNode connectParams() {
      return connectParams;
    }

    void run() throws IOException {
      if (sendChallenge) {
        nonce = UUID.randomUUID().toString();
        sendEvent(
            "connect.challenge", obj().put("nonce", nonce).put("ts", System.currentTimeMillis()));
      }
      try {
        while (!closedConnection) {
          int b0 = in.read();
          if (b0 < 0) {
            break;
          }
          int opcode = b0 & 0x0f;
          int b1 = readByte();
          long length = b1 & 0x7f;
          if (length == 126) {
            length = (readByte() << 8) | readByte();
          } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
              length = (length << 8) | readByte();
            }
          }
          byte[] mask = new byte[4];
          boolean masked = (b1 & 0x80) != 0;
          if (masked) {
            readFully(mask);
          }
          byte[] data = new byte[(int) length];
          readFully(data);
          if (masked) {
            for (int i = 0; i < data.length; i++) {
              data[i] ^= mask[i % 4];
            }
          }
          switch (opcode) {
            case 0x1 -> onText(new String(data, UTF_8));
            case 0x8 -> {
              writeFrame(0x8, data);
              closedConnection = true;
            }
            case 0x9 -> writeFrame(0xA, data);
            default -> {
              // continuation, binary and pong frames are not part of this protocol
            }
          }
        }
      } finally {
        kill();
      }
    }

    private void onText(String text) throws IOException {
      JsonNode frame = JSON.readTree(text);
      if (!"req".equals(frame.path("type").asText())) {
        return;
      }
      String id = frame.path("id").asText();
      String method = frame.path("method").asText();
      JsonNode params = frame.path("params");
      Request request = new Request(this, id, method, params);
      requests.add(request);
      if (script.handle(request)) {
        connected |= method.equals("connect");
        return;
      }
      if (!connected && !method.equals("connect")) {
        close(1008, "first frame must be connect");
        return;
      }
      switch (method) {
        case "connect" -> onConnect(id, params);
        case "tools.invoke" -> {
          ObjectNode output = obj();
          output
              .putArray("content")
              .addObject()
              .put("type", "text")
              .put("text", params.path("args").toString());
          output.set("details", params.path("args"));
          respond(
              id,
              obj()
                  .put("ok", true)
                  .put("toolName", params.path("name").asText())
                  .put("source", "core")
                  .set("output", output));
        }
        case "chat.send" -> {
          String runId = params.path("idempotencyKey").asText();
          if (finishedRuns.containsKey(runId)) {
            respond(id, obj().put("runId", runId).put("status", "ok"));
            return;
          }
          respond(id, obj().put("runId", runId).put("status", "started"));
          String message = params.path("message").asText();
          finishedRuns.put(runId, message);
          sendEvent("chat", chatFinal(runId, "echo: " + message));
        }
        case "agent" -> {
          String runId = params.path("idempotencyKey").asText();
          respond(
              id,
              obj()
                  .put("runId", runId)
                  .put("status", "accepted")
                  .put("acceptedAt", System.currentTimeMillis()));
          ObjectNode result =
              obj().put("runId", runId).put("status", "ok").put("summary", "completed");
          result
              .putObject("result")
              .putArray("payloads")
              .addObject()
              .put("text", "agent: " + params.path("message").asText());
          respond(id, result);
        }
        case "skills.update" ->
            respond(id, obj().put("ok", true).put("skillKey", params.path("skillKey").asText()));
        case "chat.history" ->
            respond(id, obj().putArray("messages").addObject().put("role", "assistant"));
        default -> respondError(id, "INVALID_REQUEST", "unknown method: " + method, null);
      }
    }

    private void onConnect(String id, JsonNode params) throws IOException {
      connectParams = params;
      if (params.path("minProtocol").asInt() != 4 || params.path("maxProtocol").asInt() != 4) {
        ObjectNode details = obj().put("code", "PROTOCOL_MISMATCH").put("expectedProtocol", 4);
        respondError(id, "INVALID_REQUEST", "protocol mismatch", details);
        close(1002, "protocol mismatch");
        return;
      }
      if (!params.path("auth").path("token").asText().equals(token)) {
        ObjectNode details =
            obj().put("code", "AUTH_TOKEN_MISMATCH").put("canRetryWithDeviceToken", false);
        respondError(id, "INVALID_REQUEST", "unauthorized: gateway token mismatch", details);
        close(1008, "unauthorized");
        return;
      }
      if (verifySignatures && !signatureValid(params)) {
        ObjectNode details = obj().put("code", "DEVICE_AUTH_SIGNATURE_INVALID");
        respondError(id, "INVALID_REQUEST", "device signature invalid", details);
        close(1008, "device signature invalid");
        return;
      }
      connected = true;
      ObjectNode hello = obj().put("type", "hello-ok").put("protocol", 4);
      hello
          .putObject("server")
          .put("version", "scripted")
          .put("bootId", "boot-1")
          .put("connId", UUID.randomUUID().toString());
      ObjectNode auth = hello.putObject("auth").put("method", "token").put("role", "operator");
      auth.set("scopes", params.path("scopes"));
      hello
          .putObject("policy")
          .put("maxPayload", maxPayload)
          .put("maxBufferedBytes", 2 * maxPayload)
          .put("tickIntervalMs", tickIntervalMs);
      respond(id, hello);
    }

    private boolean signatureValid(JsonNode params) {
      try {
        JsonNode device = params.path("device");
        byte[] raw = Base64.getUrlDecoder().decode(device.path("publicKey").asText());
        String deviceId =
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        if (!deviceId.equals(device.path("id").asText())
            || !nonce.equals(device.path("nonce").asText())) {
          return false;
        }
        List<String> scopes = new ArrayList<>();
        params.path("scopes").forEach(s -> scopes.add(s.asText()));
        JsonNode client = params.path("client");
        String signed =
            String.join(
                "|",
                "v3",
                deviceId,
                client.path("id").asText(),
                client.path("mode").asText(),
                params.path("role").asText(),
                String.join(",", scopes),
                device.path("signedAt").asText(),
                params.path("auth").path("token").asText(""),
                nonce,
                client.path("platform").asText("").trim().toLowerCase(Locale.ROOT),
                client.path("deviceFamily").asText("").trim().toLowerCase(Locale.ROOT));
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] encoded = new byte[spki.length + raw.length];
        System.arraycopy(spki, 0, encoded, 0, spki.length);
        System.arraycopy(raw, 0, encoded, spki.length, raw.length);
        PublicKey key =
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(signed.getBytes(UTF_8));
        return verifier.verify(Base64.getUrlDecoder().decode(device.path("signature").asText()));
      } catch (Exception e) {
        return false;
      }
    }

    public void respond(String id, JsonNode payload) throws IOException {
      ObjectNode frame = obj().put("type", "res").put("id", id).put("ok", true);
      frame.set("payload", payload);
      sendText(frame.toString());
    }

    public void respondError(String id, String code, String message, JsonNode details)
        throws IOException {
      ObjectNode frame = obj().put("type", "res").put("id", id).put("ok", false);
      ObjectNode error = frame.putObject("error").put("code", code).put("message", message);
      if (details != null) {
        error.set("details", details);
      }
      sendText(frame.toString());
    }

    public void respondUnavailable(String id, long retryAfterMs) throws IOException {
      ObjectNode frame = obj().put("type", "res").put("id", id).put("ok", false);
      frame
          .putObject("error")
          .put("code", "UNAVAILABLE")
          .put("message", "gateway starting")
          .put("retryable", true)
          .put("retryAfterMs", retryAfterMs);
      sendText(frame.toString());
    }

    public void sendEvent(String event, JsonNode payload) throws IOException {
      ObjectNode frame = obj().put("type", "event").put("event", event);
      frame.set("payload", payload);
      sendText(frame.toString());
    }

    public void sendText(String text) throws IOException {
      writeFrame(0x1, text.getBytes(UTF_8));
    }

    /** Sends a close frame and closes the socket. */
    public void close(int code, String reason) {
      byte[] why = reason.getBytes(UTF_8);
      byte[] data = new byte[2 + why.length];
      data[0] = (byte) (code >> 8);
      data[1] = (byte) code;
      System.arraycopy(why, 0, data, 2, why.length);
      try {
        writeFrame(0x8, data);
      } catch (IOException ignored) {
        // the socket is going anyway
      }
      kill();
    }

    /** Closes the socket without a close frame. */
    public void kill() {
      closedConnection = true;
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }

    private void writeFrame(int opcode, byte[] data) throws IOException {
      synchronized (writeLock) {
        try {
          out.write(0x80 | opcode);
          if (data.length < 126) {
            out.write(data.length);
          } else if (data.length < 65536) {
            out.write(126);
            out.write(data.length >> 8);
            out.write(data.length);
          } else {
            out.write(127);
            long length = data.length;
            for (int i = 7; i >= 0; i--) {
              out.write((int) (length >> (8 * i)));
            }
          }
          out.write(data);
          out.flush();
        } catch (SocketException e) {
          closedConnection = true;
          throw e;
        }
      }
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      return b;
    }

    private void readFully(byte[] buffer) throws IOException {
      int read = 0;
      while (read < buffer.length) {
        int n = in.read(buffer, read, buffer.length - read);
        if (n < 0) {
          throw new EOFException();
        }
        read += n;
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "scripted-gateway-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
