package io.animalhospital.load.chaos;

/**
 * How a request ended: a 2xx; a 4xx, the service's own answer (a full schedule, a view not built yet); or a
 * failure: 5xx, timeout, refused connection, which is what an outage produces.
 */
public enum Outcome {
    OK, REFUSED, FAILED
}
