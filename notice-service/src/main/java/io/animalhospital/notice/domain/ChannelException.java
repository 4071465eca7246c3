package io.animalhospital.notice.domain;

/** A channel refused or could not take a message; its text becomes the notification's last error. */
public class ChannelException extends RuntimeException {

    public ChannelException(String message) {
        super(message);
    }
}
