package io.animalhospital.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class ClientGoneFilterTest {

    private final ClientGoneFilter filter = new ClientGoneFilter();

    @Test
    void anEventForAClientThatLeftIsNotLogged() {
        assertThat(filter.isLoggable(record(ClientGoneFilter.SSE_HANDLER, new ClosedChannelException()))).isFalse();
        assertThat(filter.isLoggable(record(ClientGoneFilter.SSE_HANDLER,
                new IllegalStateException("write failed", new ClosedChannelException())))).isFalse();
    }

    @Test
    void everythingElseIsLogged() {
        assertThat(filter.isLoggable(record(ClientGoneFilter.SSE_HANDLER, new IOException("cannot serialize")))).isTrue();
        assertThat(filter.isLoggable(record(ClientGoneFilter.SSE_HANDLER, null))).isTrue();
        assertThat(filter.isLoggable(record("io.animalhospital.lookup", new ClosedChannelException()))).isTrue();
    }

    private static LogRecord record(String logger, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Exception in SSE server handling, impossible to send it to client");
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }
}
