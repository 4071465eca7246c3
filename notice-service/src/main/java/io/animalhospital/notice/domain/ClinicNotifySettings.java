package io.animalhospital.notice.domain;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the clinic hears that an appointment awaits approval (decision 0061): a webhook (a chat or pager gateway)
 * when {@code webhook-url} is set, otherwise {@code email}; neither: no clinic notification.
 */
@ConfigMapping(prefix = "hospital.clinic.notify")
public interface ClinicNotifySettings {

    /** The front desk's address. Sent by e-mail when the service's channel is e-mail, else through the log. */
    Optional<String> email();

    /** Receives the clinic's notifications as the webhook channel's JSON message; wins over {@link #email()}. */
    Optional<URI> webhookUrl();

    /** The staff console's approvals page, named in the message. */
    @WithDefault("http://127.0.0.1:8080/staff/approvals")
    String approvalsLink();
}
