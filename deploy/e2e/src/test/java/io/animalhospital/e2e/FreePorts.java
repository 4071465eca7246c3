package io.animalhospital.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Blocks of consecutive free ports on the loopback, none handed out twice in one run. */
final class FreePorts {

    private static final Set<Integer> TAKEN = new HashSet<>();

    private FreePorts() {
    }

    /** The first of {@code count} consecutive ports that are free now. */
    static synchronized int block(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ephemeral();
            if (first + count > 65_000) {
                continue;
            }
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                free = !TAKEN.contains(port) && free(port);
            }
            if (free) {
                for (int port = first; port < first + count; port++) {
                    TAKEN.add(port);
                }
                return first;
            }
        }
        throw new IllegalStateException("no block of " + count + " free ports found");
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
