package io.animalhospital.platform.tracing;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * The span exporter chosen by {@code hospital.tracing.exporter}. Quarkus uses every {@link SpanExporter} bean and
 * leaves its own OTLP exporter out while there is one: with {@code otlp} this bean is not there, and OTLP is used.
 */
@ApplicationScoped
public class SpanExporters {

    @Produces
    @Singleton
    @LookupUnlessProperty(name = "hospital.tracing.exporter", stringValue = "otlp", lookupIfMissing = true)
    SpanExporter exporter(TracingConfig config) {
        if (config.exporter() == TracingConfig.Exporter.ZIPKIN) {
            String endpoint = config.zipkinEndpoint()
                    .orElseThrow(() -> new IllegalStateException("hospital.tracing.zipkin-endpoint is not set"))
                    .toString();
            // Called from the batch span processor's own thread: a blocking sender is fine there.
            return ZipkinSpanExporter.builder().setSender(URLConnectionSender.create(endpoint)).build();
        }
        return new Dropping();
    }

    /** Keeps the trace ids (logs, propagation) without sending spans anywhere. */
    static final class Dropping implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
