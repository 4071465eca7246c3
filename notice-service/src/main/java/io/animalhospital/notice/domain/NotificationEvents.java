package io.animalhospital.notice.domain;

import io.smallrye.mutiny.Uni;

/** What notice tells the rest of the clinic, recorded in the caller's transaction and published after it. */
public interface NotificationEvents {

    Uni<Void> sent(Notification notification);

    Uni<Void> failed(Notification notification);
}
