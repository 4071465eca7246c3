package io.animalhospital.billing.domain;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The clinic's price list (SPEC §2 "Bill and payment"), a domain policy read from configuration: amounts in
 * whole won.
 * <pre>
 * hospital.billing.consultation-fee=10000
 * hospital.billing.default-price=10000
 * hospital.billing.prices."XRAY"=30000
 * hospital.billing.descriptions."XRAY"=X-ray
 * </pre>
 */
@ConfigMapping(prefix = "hospital.billing")
public interface PriceList {

    /** ISO 4217 code of every amount; the clinic bills in whole units of it. */
    @WithDefault("KRW")
    @NotBlank
    String currency();

    /** Charged once on every bill, whatever was done. */
    @WithDefault("10000")
    @PositiveOrZero
    long consultationFee();

    /** Unit price per item code (codes as diagnosis-service records them, e.g. {@code XRAY}). */
    Map<String, @PositiveOrZero Long> prices();

    /** What the bill line says for an item code; a code without a description is shown as itself. */
    Map<String, String> descriptions();

    /**
     * Unit price of an item code missing from {@link #prices()}: the item is still billed (a treatment is never
     * given away by a gap in the list) and the gap is logged so that the list gets fixed.
     */
    @WithDefault("10000")
    @PositiveOrZero
    long defaultPrice();
}
