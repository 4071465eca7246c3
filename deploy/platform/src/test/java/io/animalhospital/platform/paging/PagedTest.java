package io.animalhospital.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** The Link header of a page, without a server: which pages it names and that other parameters stay. */
class PagedTest {

    private static final URI LIST = URI.create("http://clinic.test/schedules?vet=Kim%20Ara&date=2026-12-24");

    @Test
    void aMiddlePageNamesAllFourKeepingTheOtherParameters() {
        assertThat(Paged.links(45, PageRequest.of(1, 20), LIST)).isEqualTo(
                "</schedules?vet=Kim%20Ara&date=2026-12-24&page=0&size=20>; rel=\"first\", "
                        + "</schedules?vet=Kim%20Ara&date=2026-12-24&page=0&size=20>; rel=\"prev\", "
                        + "</schedules?vet=Kim%20Ara&date=2026-12-24&page=2&size=20>; rel=\"next\", "
                        + "</schedules?vet=Kim%20Ara&date=2026-12-24&page=2&size=20>; rel=\"last\"");
    }

    @Test
    void theFirstPageHasNoPrevAndTheLastNoNext() {
        assertThat(Paged.links(45, PageRequest.of(0, 20), LIST)).doesNotContain("rel=\"prev\"")
                .contains("page=1&size=20>; rel=\"next\"").contains("page=2&size=20>; rel=\"last\"");
        assertThat(Paged.links(45, PageRequest.of(2, 20), LIST)).doesNotContain("rel=\"next\"")
                .contains("page=1&size=20>; rel=\"prev\"");
    }

    @Test
    void anExactMultipleEndsOnAFullPage() {
        assertThat(Paged.links(40, PageRequest.of(0, 20), LIST)).contains("page=1&size=20>; rel=\"last\"");
    }

    @Test
    void anEmptyListHasOnePage() {
        assertThat(Paged.links(0, PageRequest.first(), URI.create("http://clinic.test/bills")))
                .isEqualTo("</bills?page=0&size=20>; rel=\"first\", </bills?page=0&size=20>; rel=\"last\"");
    }

    @Test
    void aPagePastTheEndPointsBackToTheLast() {
        assertThat(Paged.links(45, PageRequest.of(7, 20), URI.create("http://clinic.test/bills?page=7")))
                .contains("</bills?page=2&size=20>; rel=\"prev\"").doesNotContain("rel=\"next\"");
    }

    @Test
    void theRequestsOwnPageAndSizeAreReplacedNotRepeated() {
        assertThat(Paged.links(45, PageRequest.of(1, 10), URI.create("http://clinic.test/bills?size=10&page=1&status=ISSUED")))
                .contains("</bills?status=ISSUED&page=2&size=10>; rel=\"next\"");
    }

    @Test
    void pageRequestsInCodeHaveTheSameBounds() {
        assertThat(PageRequest.of(3, 100).offset()).isEqualTo(300);
        assertThat(PageRequest.first().size()).isEqualTo(20);
        assertThatThrownBy(() -> PageRequest.of(0, 101)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> PageRequest.of(-1, 20)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("page");
    }
}
