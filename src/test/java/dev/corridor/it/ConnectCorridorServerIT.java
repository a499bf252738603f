package dev.corridor.it;

/**
 * {@link ConnectIT}'s cases with {@code corridor server run --tun} as the server instead of Debian's
 * OpenVPN: split and full tunnel, DNS, IPv6 leak guard, iperf3, crash restore, RESTART and HALT.
 */
class ConnectCorridorServerIT extends ConnectIT {
    @Override
    LabServer.Kind server() {
        return CorridorLabServer::start;
    }
}
