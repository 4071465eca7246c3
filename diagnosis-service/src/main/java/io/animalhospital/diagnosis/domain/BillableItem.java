package io.animalhospital.diagnosis.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A billable item of a treatment, priced by billing-service from its code. */
public record BillableItem(
        @NotBlank @Pattern(regexp = "[A-Z0-9_-]{1,40}", message = "must be 1-40 of A-Z, 0-9, _ or -") String code,
        @NotNull @Min(1) @Max(1000) Integer quantity) {
}
