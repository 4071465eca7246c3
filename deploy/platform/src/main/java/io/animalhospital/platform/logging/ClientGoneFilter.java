package io.animalhospital.platform.logging;

import java.nio.channels.ClosedChannelException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops one record Quarkus REST logs at ERROR although nothing failed on the server: a server-sent event on its way
 * to a client that has just left (a closed live view). Every other record of that handler, a payload that cannot
 * be written for instance, is kept. Part of {@link PlatformLogFilter}.
 */
public final class ClientGoneFilter implements Filter {

    static final String SSE_HANDLER = "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(SSE_HANDLER.equals(record.getLoggerName()) && closedChannel(record.getThrown()));
    }

    private static boolean closedChannel(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
