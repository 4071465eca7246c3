package io.animalhospital.reservation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test run's Keycloak, paused and resumed (SIGSTOP, SIGCONT) as a hung identity provider is: it still accepts
 * connections but answers nothing. Found by its port among this machine's processes (the test resource started it:
 * {@code kc.sh} and its JVM both carry {@code --http-port=<port>}).
 */
final class KeycloakProcess {

    private KeycloakProcess() {
    }

    /** Pauses Keycloak; the returned handle resumes it (use try-with-resources: never leave it paused). */
    static AutoCloseable pause() {
        List<ProcessHandle> keycloak = processes();
        signal("-STOP", keycloak);
        return () -> signal("-CONT", keycloak);
    }

    private static List<ProcessHandle> processes() {
        String keycloak = ConfigProvider.getConfig().getValue("hospital.test.keycloak-url", String.class);
        int port = URI.create(keycloak).getPort();
        String flag = "--http-port=" + port;
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(flag) && c.contains("keycloak")).orElse(false))
                .toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no Keycloak process with " + flag);
        }
        return found;
    }

    private static void signal(String signal, List<ProcessHandle> processes) {
        for (ProcessHandle process : processes) {
            try {
                Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
                if (kill.waitFor() != 0) {
                    throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
