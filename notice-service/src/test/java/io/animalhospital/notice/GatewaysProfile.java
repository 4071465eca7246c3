package io.animalhospital.notice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The real channels: e-mail to contacts with an address, the webhook (phone gateway) for the others, English
 * messages, and short retries so a failing gateway is given up on within seconds. The tests start the SMTP
 * and HTTP servers on the ports chosen here.
 */
public class GatewaysProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("hospital.notice.channel", "email"),
                Map.entry("hospital.notice.email.fallback", "webhook"),
                Map.entry("hospital.notice.language", "en"),
                Map.entry("hospital.notice.webhook.url", "http://127.0.0.1:" + freePort() + "/messages"),
                // The clinic's own receiver of "awaiting approval" (ClinicWebhookTest).
                Map.entry("hospital.clinic.notify.webhook-url", "http://127.0.0.1:" + freePort() + "/front-desk"),
                Map.entry("hospital.notice.delivery.max-attempts", "3"),
                Map.entry("hospital.notice.delivery.initial-backoff", "300ms"),
                Map.entry("hospital.notice.delivery.backoff-multiplier", "2"),
                Map.entry("hospital.notice.delivery.timeout", "3s"),
                Map.entry("hospital.notice.delivery.lease", "10s"),
                Map.entry("hospital.notice.delivery.poll-interval", "1s"),
                Map.entry("quarkus.mailer.mock", "false"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", String.valueOf(freePort())),
                Map.entry("quarkus.mailer.start-tls", "DISABLED"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
