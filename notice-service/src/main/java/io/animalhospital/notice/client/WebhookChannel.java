package io.animalhospital.notice.client;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.notice.domain.Audience;
import io.animalhospital.notice.domain.ChannelException;
import io.animalhospital.notice.domain.ChannelKind;
import io.animalhospital.notice.domain.Delivery;
import io.animalhospital.notice.domain.NoticeSettings;
import io.animalhospital.notice.domain.NotificationChannel;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * POSTs the message as JSON to the configured URL, the shape a KakaoTalk/SMS gateway takes. Any 2xx answer
 * is a delivery; anything else, a refused connection or no answer within the timeout is a failure to retry.
 * The notification id goes along as {@code Idempotency-Key}, so a gateway can drop a retried duplicate.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {

    private final NoticeSettings settings;
    private final WebClient client;

    public WebhookChannel(NoticeSettings settings, Vertx vertx) {
        this.settings = settings;
        int timeout = (int) settings.delivery().timeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(timeout)
                // A whole round's calls at once: a request queued for a pooled connection burns its timeout.
                .setMaxPoolSize(settings.delivery().batchSize())
                .setUserAgent("animal-hospital-notice-service"));
    }

    /** The message a gateway receives. */
    public record WebhookMessage(UUID notificationId, UUID eventId, String eventType, UUID reservationId,
            String recipient, String message, String language) {
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    @Override
    public Uni<Void> deliver(Delivery d) {
        // The clinic's notifications go to the clinic's own receiver, kept as their recipient.
        URI url = d.audience() == Audience.CLINIC ? URI.create(d.recipient()) : settings.webhook().url()
                .orElseThrow(() -> new IllegalStateException("hospital.notice.webhook.url is not set"));
        WebhookMessage body = new WebhookMessage(d.notificationId(), d.eventId(), d.eventType(), d.reservationId(),
                d.recipient(), d.message(), d.language().name().toLowerCase());
        return client.postAbs(url.toString())
                .timeout(settings.delivery().timeout().toMillis())
                .putHeader("Idempotency-Key", d.notificationId().toString())
                .sendJsonObject(JsonObject.mapFrom(body))
                .flatMap(response -> response.statusCode() / 100 == 2
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new ChannelException("webhook answered HTTP " + response.statusCode()
                                + (response.statusMessage() == null ? "" : " " + response.statusMessage()))));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
