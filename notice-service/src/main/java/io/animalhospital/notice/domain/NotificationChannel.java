package io.animalhospital.notice.domain;

import io.smallrye.mutiny.Uni;

/** A way to reach a customer. Delivers without blocking; a failure is retried by the delivery worker. */
public interface NotificationChannel {

    ChannelKind kind();

    /** Completes when the channel accepted the message; fails with the reason otherwise. */
    Uni<Void> deliver(Delivery delivery);
}
