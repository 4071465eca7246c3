package io.animalhospital.notice.domain;

/** The languages notifications are written in. */
public enum Language {
    KO,
    EN
}
