package io.animalhospital.reservation.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/** The tests' session secret for the customers' app: a fresh one per test run, never one in the repository. */
public class WebSessionSecret implements ConfigSource {

    private static final String SECRET;

    static {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        SECRET = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of("hospital.web.session-secret");
    }

    @Override
    public String getValue(String propertyName) {
        return "hospital.web.session-secret".equals(propertyName) ? SECRET : null;
    }

    @Override
    public String getName() {
        return "test-web-session-secret";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("hospital.web.session-secret", SECRET);
    }
}
