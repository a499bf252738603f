package dev.corridor.cli.demo;

import dev.corridor.net.IpPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Names and addresses of the root demo's lab: a server namespace joined to this machine by a veth
 * pair, and a private network behind it with one lab host.
 *
 * <pre>
 *   this machine                 namespace PREFIXsrv                         namespace PREFIXlan
 *   PREFIXh 198.18.N.1/30 ◄────► PREFIXs 198.18.N.2/30
 *                                  three `server run --tun` (PREFIXt0..2)
 *                                PREFIXl 10.100.0.1/24 ◄───────────────────► PREFIXp 10.100.0.10/24
 *                                  source NAT of the client CIDRs              the lab host (answers ping)
 * </pre>
 *
 * 198.18.0.0/15 is the benchmarking range (RFC 2544). The client CIDRs are 10.200.0.0/22,
 * 10.200.4.0/22 and 10.200.8.0/22 (one per endpoint: the three TUN devices share a namespace).
 *
 * @param prefix     the start of every namespace and device name ({@code cdemo-}; tests use their own)
 * @param linkSubnet N in 198.18.N.0/30, the link between this machine and the server namespace
 */
public record LabLayout(String prefix, int linkSubnet) {
    /** The lab {@code corridor demo} builds. */
    public static final LabLayout STANDARD = new LabLayout("cdemo-", 253);
    /** The lab host behind the server. */
    public static final String LAB_HOST = "10.100.0.10";
    /** The server namespace's address on the private network. */
    public static final String LAN_GATEWAY = "10.100.0.1";
    /** The private network's prefix length. */
    public static final int LAN_BITS = 24;
    /** The network the demo endpoints route to clients (init's private network). */
    public static final IpPrefix ROUTED_NETWORK = IpPrefix.parse("10.100.0.0/16");
    /** Every client CIDR of the three endpoints. */
    public static final IpPrefix CLIENT_NETWORKS = IpPrefix.parse("10.200.0.0/20");

    public LabLayout {
        Objects.requireNonNull(prefix, "prefix");
        // the longest device name, PREFIX + "t0", must fit the kernel's 15 characters
        if (!prefix.matches("[a-z][a-z0-9-]{0,11}")) {
            throw new IllegalArgumentException("bad lab prefix '" + prefix + "'");
        }
        if (linkSubnet < 0 || linkSubnet > 255) {
            throw new IllegalArgumentException("198.18." + linkSubnet + ".0 is not an address");
        }
    }

    public String serverNamespace() {
        return prefix + "srv";
    }

    public String lanNamespace() {
        return prefix + "lan";
    }

    /** The veth end in this machine's namespace (deleted with the server namespace). */
    public String hostVeth() {
        return prefix + "h";
    }

    /** The veth end in the server namespace facing this machine. */
    String serverVeth() {
        return prefix + "s";
    }

    /** The veth end in the server namespace facing the private network. */
    String serverLanVeth() {
        return prefix + "l";
    }

    /** The lab host's veth end in the private namespace. */
    String labHostVeth() {
        return prefix + "p";
    }

    /** This machine's address on the link. */
    public String hostAddress() {
        return "198.18." + linkSubnet + ".1";
    }

    /** The server namespace's address on the link: where the endpoints listen. */
    public String serverAddress() {
        return "198.18." + linkSubnet + ".2";
    }

    /** The link between this machine and the server namespace. */
    public IpPrefix link() {
        return IpPrefix.parse("198.18." + linkSubnet + ".0/30");
    }

    /** The networks that must be free on this machine: the link, the routed network, the client CIDRs. */
    public List<IpPrefix> networksUsed() {
        return List.of(link(), ROUTED_NETWORK, CLIENT_NETWORKS);
    }

    /** The client CIDR of the endpoint of {@code mode}. */
    public String clientCidr(DemoMode mode) {
        return "10.200." + mode.ordinal() * 4 + ".0/22";
    }

    /** The server's TUN device of {@code mode}'s endpoint (in the server namespace). */
    public String tunName(DemoMode mode) {
        return prefix + "t" + mode.ordinal();
    }

    /** The port of {@code mode}'s endpoint: 1194 for the certificate one, 443 for the others (UDP, UDP, TCP). */
    public static int port(DemoMode mode) {
        return mode == DemoMode.CERTIFICATE ? 1194 : 443;
    }

    /** The file locked while a demo runs this lab: one lab of a name per machine. */
    public Path lockFile() {
        Path run = Path.of("/run");
        return (Files.isDirectory(run) ? run : Path.of(System.getProperty("java.io.tmpdir")))
                .resolve("corridor-" + prefix + "lab.lock");
    }
}
