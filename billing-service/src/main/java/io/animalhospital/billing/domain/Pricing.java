package io.animalhospital.billing.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/** Turns what the vet recorded into bill lines, priced from the {@link PriceList}. */
@ApplicationScoped
public class Pricing {

    public static final String CONSULTATION = "CONSULTATION";
    static final String UNSPECIFIED = "UNSPECIFIED";
    private static final Logger LOG = Logger.getLogger(Pricing.class);

    private final PriceList priceList;
    private final Map<String, Long> prices = new TreeMap<>();
    private final Map<String, String> descriptions = new TreeMap<>();

    public Pricing(PriceList priceList) {
        this.priceList = priceList;
        // Codes compare case-insensitively: "xray" in a config file still prices XRAY.
        priceList.prices().forEach((code, price) -> prices.put(normalize(code), price));
        priceList.descriptions().forEach((code, text) -> descriptions.put(normalize(code), text));
    }

    public String currency() {
        return priceList.currency();
    }

    /** The consultation line first, then one line per item in the recorded order. */
    public List<BillLine> linesFor(UUID reservationId, List<BillableItem> items) {
        List<BillLine> lines = new ArrayList<>();
        lines.add(new BillLine(CONSULTATION, descriptions.getOrDefault(CONSULTATION, "Consultation"), 1,
                priceList.consultationFee()));
        for (BillableItem item : items == null ? List.<BillableItem>of() : items) {
            if (item != null) {
                lines.add(lineFor(reservationId, item));
            }
        }
        return lines;
    }

    private BillLine lineFor(UUID reservationId, BillableItem item) {
        String code = item.code() == null || item.code().isBlank() ? UNSPECIFIED : normalize(item.code());
        int quantity = item.quantity() == null || item.quantity() < 1 ? 1 : item.quantity();
        if (item.quantity() == null || item.quantity() < 1) {
            LOG.warnf("Reservation %s: item %s has quantity %s; billed once", reservationId, code, item.quantity());
        }
        Long price = prices.get(code);
        if (price == null) {
            // Never dropped: billed at the default price, and said loudly so the price list gets fixed.
            LOG.warnf("Reservation %s: item code %s is not in the price list; billed at the default price %d %s",
                    reservationId, code, priceList.defaultPrice(), priceList.currency());
            return new BillLine(code, descriptions.getOrDefault(code, code + " (not in price list)"), quantity,
                    priceList.defaultPrice());
        }
        return new BillLine(code, descriptions.getOrDefault(code, code), quantity, price);
    }

    private static String normalize(String code) {
        String trimmed = code.trim().toUpperCase(Locale.ROOT);
        // The column holds 100 characters; diagnosis-service allows 40.
        return trimmed.length() > 100 ? trimmed.substring(0, 100) : trimmed;
    }
}
