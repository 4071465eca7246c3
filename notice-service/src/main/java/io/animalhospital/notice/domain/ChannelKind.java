package io.animalhospital.notice.domain;

/** How a notification reaches its recipient. */
public enum ChannelKind {
    LOG,
    WEBHOOK,
    EMAIL;

    public String wireName() {
        return name().toLowerCase();
    }
}
