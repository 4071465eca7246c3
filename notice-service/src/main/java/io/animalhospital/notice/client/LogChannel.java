package io.animalhospital.notice.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.animalhospital.notice.domain.ChannelKind;
import io.animalhospital.notice.domain.Delivery;
import io.animalhospital.notice.domain.NotificationChannel;
import io.animalhospital.notice.domain.Recipients;
import io.smallrye.mutiny.Uni;

/** The default channel: the message goes to the service log (development, demos, or no gateway yet). */
@ApplicationScoped
public class LogChannel implements NotificationChannel {

    private static final Logger LOG = Logger.getLogger(LogChannel.class);

    @Override
    public ChannelKind kind() {
        return ChannelKind.LOG;
    }

    @Override
    public Uni<Void> deliver(Delivery delivery) {
        // The address masked: service logs are read by more people, and kept longer, than the customer's data.
        LOG.infof("Notification %s to %s (%s): %s", delivery.notificationId(), Recipients.masked(delivery.recipient()),
                delivery.eventType(), delivery.message());
        return Uni.createFrom().voidItem();
    }
}
