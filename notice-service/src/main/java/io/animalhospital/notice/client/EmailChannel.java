package io.animalhospital.notice.client;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.notice.domain.ChannelKind;
import io.animalhospital.notice.domain.Delivery;
import io.animalhospital.notice.domain.MessageTemplates;
import io.animalhospital.notice.domain.NotificationChannel;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/** Sends the message as a plain-text e-mail through the reactive mailer (SMTP, see {@code quarkus.mailer.*}). */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    private final ReactiveMailer mailer;

    public EmailChannel(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public Uni<Void> deliver(Delivery d) {
        return mailer.send(Mail.withText(d.recipient(), MessageTemplates.subject(d.language()), d.message()));
    }
}
