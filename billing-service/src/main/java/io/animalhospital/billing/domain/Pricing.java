package io.animalhospital.billing.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.animalhospital.billing.config.BillingConfig;

/** Turns what the vet recorded into bill lines, priced from configuration. */
@ApplicationScoped
public class PriceList {

    public static final String CONSULTATION = "CONSULTATION";
    static final String UNSPECIFIED = "UNSPECIFIED";
    private static final Logger LOG = Logger.getLogger(PriceList.class);

    private final BillingConfig config;
    private final Map<String, Long> prices = new TreeMap<>();
    private final Map<String, String> descriptions = new TreeMap<>();

    public PriceList(BillingConfig config) {
        this.config = config;
        // Codes compare case-insensitively: "xray" in a config file still prices XRAY.
        config.prices().forEach((code, price) -> prices.put(normalize(code), price));
        config.descriptions().forEach((code, text) -> descriptions.put(normalize(code), text));
    }

    public String currency() {
        return config.currency();
    }

    /** A billable item as recorded by the vet. */
    public record Item(String code, Integer quantity) {
    }

    /** The consultation line first, then one line per item in the recorded order. */
    public List<BillLine> linesFor(UUID reservationId, List<Item> items) {
        List<BillLine> lines = new ArrayList<>();
        lines.add(new BillLine(CONSULTATION, descriptions.getOrDefault(CONSULTATION, "Consultation"), 1,
                config.consultationFee()));
        for (Item item : items == null ? List.<Item>of() : items) {
            if (item == null) {
                continue;
            }
            String code = item.code() == null || item.code().isBlank() ? UNSPECIFIED : normalize(item.code());
            int quantity = item.quantity() == null || item.quantity() < 1 ? 1 : item.quantity();
            if (item.quantity() == null || item.quantity() < 1) {
                LOG.warnf("Reservation %s: item %s has quantity %s; billed once", reservationId, code, item.quantity());
            }
            Long price = prices.get(code);
            if (price == null) {
                // Never dropped: billed at the default price, and said loudly so the price list gets fixed.
                LOG.warnf("Reservation %s: item code %s is not in the price list; billed at the default price %d %s",
                        reservationId, code, config.defaultPrice(), config.currency());
                lines.add(new BillLine(code, descriptions.getOrDefault(code, code + " (not in price list)"), quantity,
                        config.defaultPrice()));
            } else {
                lines.add(new BillLine(code, descriptions.getOrDefault(code, code), quantity, price));
            }
        }
        return lines;
    }

    private static String normalize(String code) {
        String trimmed = code.trim().toUpperCase(Locale.ROOT);
        // The column holds 100 characters; diagnosis-service allows 40.
        return trimmed.length() > 100 ? trimmed.substring(0, 100) : trimmed;
    }
}
