package io.animalhospital.diagnosis.domain;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the vet records when treating; {@code items} are what billing-service charges for. */
public record MedicalRecord(
        @NotBlank @Size(max = 100) String doctor,
        @NotBlank @Size(max = 4000) String medicalOpinion,
        @NotBlank @Size(max = 4000) String treatment,
        @Size(max = 4000) String prescription,
        @NotNull @Size(max = 100) List<@Valid @NotNull BillableItem> items) {
}
