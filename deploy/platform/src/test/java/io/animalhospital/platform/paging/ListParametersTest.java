package io.animalhospital.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A list's filters from text: absent is no filter, anything unusable a 400 naming the parameter. */
class ListParametersTest {

    enum Status { ISSUED, PAID }

    @Test
    void absentOrEmptyIsNoFilter() {
        assertThat(ListParameters.oneOf("status", null, Status.class)).isNull();
        assertThat(ListParameters.date("date", "")).isNull();
        assertThat(ListParameters.uuid("reservationId", null)).isNull();
    }

    @Test
    void valuesAreRead() {
        UUID id = UUID.randomUUID();
        assertThat(ListParameters.oneOf("status", "PAID", Status.class)).isEqualTo(Status.PAID);
        assertThat(ListParameters.date("date", "2026-12-24")).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(ListParameters.uuid("reservationId", id.toString())).isEqualTo(id);
    }

    @Test
    void unusableValuesNameTheParameter() {
        assertThatThrownBy(() -> ListParameters.oneOf("status", "paid", Status.class))
                .isInstanceOf(InvalidParameterException.class).hasMessage("Parameter 'status' must be one of ISSUED, PAID");
        assertThatThrownBy(() -> ListParameters.date("from", "24.12.2026"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'from'");
        assertThatThrownBy(() -> ListParameters.uuid("reservationId", "1-1-1-1-1"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'reservationId'");
    }
}
