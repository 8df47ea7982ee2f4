package io.servicetsunami.adapters.connectors;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which hosts a connector may open connections to: the guard against a tenant's connection settings
 * turning the control plane into a proxy into its own network (SSRF).
 *
 * <p>Always refused: link-local addresses ({@code 169.254.0.0/16}, {@code fe80::/10}) — unless
 * {@link Builder#allowLinkLocal} — and cloud metadata services ({@code 169.254.169.254}, {@code
 * 169.254.170.2}, {@code fd00:ec2::254}, {@code 100.100.100.200}, {@code 168.63.129.16}, {@code
 * 192.0.0.192}, {@code metadata.google.internal}, {@code metadata}, …) whatever else is allowed;
 * the unspecified address ({@code 0.0.0.0}, {@code ::}) and multicast. Loopback ({@code
 * 127.0.0.0/8}, {@code ::1}) is refused unless {@link Builder#allowLoopback}. Private networks are
 * allowed unless {@link Builder#allowPrivateNetworks} is turned off (databases usually live in
 * one). Names and addresses in {@link Builder#deny} are refused; if {@link Builder#allowOnly} lists
 * any, nothing else is allowed.
 *
 * <p>A host name is checked as written and then every address it resolves to, so a name that points
 * at a forbidden address is refused too. PostgreSQL connections are checked again at connect time,
 * on the address actually connected to (see {@link PolicySocketFactory}), which closes the gap of a
 * name that resolves differently a moment later; the Snowflake driver and the BigQuery client
 * resolve names themselves, so for them the check is made just before connecting.
 */
public final class HostPolicy {

  private static final Set<String> METADATA_NAMES =
      Set.of(
          "metadata",
          "metadata.google.internal",
          "metadata.goog",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.internal",
          "metadata.tencentyun.com");

  private static final List<String> METADATA_ADDRESSES =
      List.of(
          "169.254.169.254/32", // AWS, GCP, Azure, OCI, DigitalOcean…
          "169.254.170.2/32", // AWS ECS task metadata
          "169.254.169.123/32", // AWS time sync
          "fd00:ec2::254/128", // AWS IMDS over IPv6
          "100.100.100.200/32", // Alibaba Cloud
          "168.63.129.16/32", // Azure wire server
          "192.0.0.192/32"); // Oracle Cloud (legacy)

  private final boolean allowLoopback;
  private final boolean allowLinkLocal;
  private final boolean allowPrivateNetworks;
  private final List<String> allowOnly;
  private final List<String> deny;
  private final List<Cidr> metadata;

  private HostPolicy(Builder builder) {
    this.allowLoopback = builder.allowLoopback;
    this.allowLinkLocal = builder.allowLinkLocal;
    this.allowPrivateNetworks = builder.allowPrivateNetworks;
    this.allowOnly = List.copyOf(builder.allowOnly);
    this.deny = List.copyOf(builder.deny);
    this.metadata = METADATA_ADDRESSES.stream().map(Cidr::parse).toList();
  }

  /** The production default: everything but the always-refused, loopback and {@code deny}. */
  public static HostPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The policy from configuration: {@code CONNECTOR_ALLOW_LOOPBACK=true}, {@code
   * CONNECTOR_ALLOW_PRIVATE_NETWORKS=false}, {@code CONNECTOR_ALLOWED_HOSTS} and {@code
   * CONNECTOR_DENIED_HOSTS} (comma-separated host names, {@code *.domain} suffixes, addresses or
   * CIDR ranges).
   */
  public static HostPolicy fromEnvironment(Map<String, String> env) {
    requireNonNull(env, "env is null");
    return builder()
        .allowLoopback(Boolean.parseBoolean(env.getOrDefault("CONNECTOR_ALLOW_LOOPBACK", "false")))
        .allowPrivateNetworks(
            Boolean.parseBoolean(env.getOrDefault("CONNECTOR_ALLOW_PRIVATE_NETWORKS", "true")))
        .allowOnly(list(env.get("CONNECTOR_ALLOWED_HOSTS")))
        .deny(list(env.get("CONNECTOR_DENIED_HOSTS")))
        .build();
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Checks a host name or address literal and everything it resolves to.
   *
   * @return the addresses it resolves to
   * @throws PermanentException {@code connector_failed} if the policy refuses it
   * @throws TransientException {@code connector_unavailable} if the name cannot be resolved now
   */
  public List<InetAddress> check(String host) {
    requireNonNull(host, "host is null");
    String name = normalise(host);
    if (name.isEmpty()) {
      throw refused(host, "it is empty");
    }
    if (METADATA_NAMES.contains(name)) {
      throw refused(host, "it is a cloud metadata service");
    }
    if (matchesAnyName(deny, name)) {
      throw refused(host, "it is on the deny list");
    }
    boolean listed = allowOnly.isEmpty() || matchesAnyName(allowOnly, name);
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(name);
    } catch (UnknownHostException e) {
      throw new TransientException(
          ErrorCode.CONNECTOR_UNAVAILABLE, "cannot resolve connector host " + host, e);
    }
    List<InetAddress> checked = new ArrayList<>();
    for (InetAddress address : addresses) {
      reason(address, listed)
          .ifPresent(
              why -> {
                throw refused(host, why + " (" + address.getHostAddress() + ")");
              });
      checked.add(address);
    }
    return List.copyOf(checked);
  }

  /** Checks one address about to be connected to; the name was checked before. */
  void checkAddress(InetAddress address) {
    reason(address, true)
        .or(
            () ->
                deny.stream().anyMatch(rule -> Cidr.matches(rule, address))
                    ? Optional.of("it is on the deny list")
                    : Optional.empty())
        .ifPresent(
            why -> {
              throw refused(address.getHostAddress(), why);
            });
  }

  private Optional<String> reason(InetAddress address, boolean listedByName) {
    Optional<InetAddress> embedded = embeddedIpv4(address);
    if (embedded.isPresent()) {
      // NAT64 (64:ff9b::/96) and IPv4-compatible (::/96) addresses reach the IPv4 address inside.
      return reason(embedded.get(), listedByName);
    }
    for (Cidr range : metadata) {
      if (range.contains(address)) {
        return Optional.of("it is a cloud metadata service");
      }
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("it is the unspecified address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("it is a multicast address");
    }
    if (address.isLinkLocalAddress() && !allowLinkLocal) {
      return Optional.of("it is a link-local address");
    }
    if (address.isLoopbackAddress() && !allowLoopback) {
      return Optional.of("it is a loopback address and loopback is not allowed");
    }
    if (isPrivate(address) && !allowPrivateNetworks) {
      return Optional.of("it is a private-network address and private networks are not allowed");
    }
    if (deny.stream().anyMatch(rule -> Cidr.matches(rule, address))) {
      return Optional.of("it is on the deny list");
    }
    if (!listedByName && allowOnly.stream().noneMatch(rule -> Cidr.matches(rule, address))) {
      return Optional.of("it is not on the allow list");
    }
    return Optional.empty();
  }

  private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    boolean nat64 =
        (b[0] & 0xff) == 0x00
            && (b[1] & 0xff) == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b;
    boolean compatible = b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0;
    for (int i = 4; i < 12; i++) {
      if (b[i] != 0) {
        return Optional.empty();
      }
    }
    if (!nat64 && !compatible) {
      return Optional.empty();
    }
    if (compatible && b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0) {
      return Optional.empty(); // :: and ::1 are themselves
    }
    try {
      return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean isPrivate(InetAddress address) {
    if (address.isSiteLocalAddress()) {
      return true; // 10/8, 172.16/12, 192.168/16
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64/10, carrier-grade NAT
    }
    return address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
  }

  private static boolean matchesAnyName(List<String> rules, String name) {
    for (String rule : rules) {
      String r = normalise(rule);
      if (r.startsWith("*.") ? name.endsWith(r.substring(1)) : name.equals(r)) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String host) {
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static PermanentException refused(String host, String why) {
    return new PermanentException(
        ErrorCode.CONNECTOR_FAILED,
        "connector host " + host + " is refused by the host policy: " + why);
  }

  @Override
  public String toString() {
    return "HostPolicy[loopback="
        + allowLoopback
        + ", linkLocal="
        + allowLinkLocal
        + ", private="
        + allowPrivateNetworks
        + ", allowOnly="
        + allowOnly
        + ", deny="
        + deny
        + "]";
  }

  /** Builds a {@link HostPolicy}. */
  public static final class Builder {
    private boolean allowLoopback;
    private boolean allowLinkLocal;
    private boolean allowPrivateNetworks = true;
    private List<String> allowOnly = List.of();
    private List<String> deny = List.of();

    private Builder() {}

    /** Loopback addresses; off by default, on in tests and for a database on the same host. */
    public Builder allowLoopback(boolean allow) {
      this.allowLoopback = allow;
      return this;
    }

    /** Link-local addresses other than metadata services, which stay refused. */
    public Builder allowLinkLocal(boolean allow) {
      this.allowLinkLocal = allow;
      return this;
    }

    public Builder allowPrivateNetworks(boolean allow) {
      this.allowPrivateNetworks = allow;
      return this;
    }

    /** Host names, {@code *.domain} suffixes, addresses or CIDR ranges; empty allows any. */
    public Builder allowOnly(List<String> rules) {
      rules.forEach(Cidr::validate);
      this.allowOnly = List.copyOf(rules);
      return this;
    }

    /** Host names, {@code *.domain} suffixes, addresses or CIDR ranges to refuse. */
    public Builder deny(List<String> rules) {
      rules.forEach(Cidr::validate);
      this.deny = List.copyOf(rules);
      return this;
    }

    public HostPolicy build() {
      return new HostPolicy(this);
    }
  }

  /** An address range; a rule that is not one (a host name) matches no address. */
  record Cidr(byte[] network, int bits) {

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      byte[] network = literal(address).orElseThrow().getAddress();
      int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
      if (bits < 0 || bits > network.length * 8) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      return new Cidr(network, bits);
    }

    static void validate(String rule) {
      if (rule.contains("/")) {
        parse(rule);
      }
    }

    static boolean matches(String rule, InetAddress address) {
      if (!rule.contains("/") && literal(rule).isEmpty()) {
        return false;
      }
      return parse(rule).contains(address);
    }

    /** An IP literal, parsed without any name lookup. */
    static Optional<InetAddress> literal(String text) {
      String t = text.strip();
      if (t.startsWith("[") && t.endsWith("]")) {
        t = t.substring(1, t.length() - 1);
      }
      boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
      boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
      if (!v4 && !v6) {
        return Optional.empty();
      }
      try {
        return Optional.of(InetAddress.getByName(t));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (network[full] & mask);
    }
  }
}
