package io.animalhospital.platform.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * The console's filter in every service: drops what {@link ClientGoneFilter} drops and masks personal data in what
 * stays ({@link PersonalDataMasking}), in text and JSON lines alike: the message is formatted here, once, masked.
 */
@LoggingFilter(name = "platform")
public final class PlatformLogFilter implements Filter {

    private final ClientGoneFilter clientGone = new ClientGoneFilter();

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!clientGone.isLoggable(record)) {
            return false;
        }
        if (record instanceof ExtLogRecord ext) {
            String formatted = ext.getFormattedMessage();
            String masked = PersonalDataMasking.mask(formatted);
            if (masked != null && !masked.equals(formatted)) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        return true;
    }
}
