package io.animalhospital.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Blocks of consecutive free ports on the loopback, none handed out twice in one run. Taken below Linux's
 * ephemeral range (32768-60999): a port there that is free now may be any outgoing connection's a moment later
 * (seen: a service that found its port taken during a busy start-up).
 */
final class FreePorts {

    private static final Set<Integer> TAKEN = new HashSet<>();

    private FreePorts() {
    }

    /** The first of {@code count} consecutive ports that are free now. */
    static synchronized int block(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 32_000 - count);
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

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
