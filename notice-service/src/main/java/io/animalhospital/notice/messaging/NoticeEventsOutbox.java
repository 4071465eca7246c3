package io.animalhospital.notice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.notice.domain.Notification;
import io.animalhospital.notice.domain.NotificationEvents;
import io.animalhospital.notice.messaging.NoticeEvents.NotificationFailed;
import io.animalhospital.notice.messaging.NoticeEvents.NotificationSent;
import io.animalhospital.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/** Delivery outcomes as events on {@code notice-events}, appended to the outbox in the caller's transaction. */
@ApplicationScoped
public class NoticeEventsOutbox implements NotificationEvents {

    private final Outbox outbox;

    public NoticeEventsOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> sent(Notification notification) {
        return outbox.append(NoticeEvents.TOPIC, NotificationSent.of(notification));
    }

    @Override
    public Uni<Void> failed(Notification notification) {
        return outbox.append(NoticeEvents.TOPIC, NotificationFailed.of(notification));
    }
}
