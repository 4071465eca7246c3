package io.animalhospital.platform.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes the latencies of calls to other services as Prometheus histograms ({@code _bucket} series), so a
 * dashboard can show their p95 over all replicas ({@code histogram_quantile}); a timer alone gives only a mean and a
 * max. Only these: the fault-tolerance timers of a guarded call and the REST client's timer, whose tags are few
 * (method, outcome, uri template). Server requests stay plain timers, their buckets times every URI would cost
 * too many series. Decision 0090.
 */
@Singleton
public class LatencyHistograms {

    static final String GUARDED_CALL = "ft.timeout.executionDuration";
    static final String CLIENT_REQUESTS = "http.client.requests";

    @Produces
    @Singleton
    public MeterFilter percentilesHistogramsOfCallsToOtherServices() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(GUARDED_CALL) || id.getName().equals(CLIENT_REQUESTS)) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
