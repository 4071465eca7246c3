package io.animalhospital.platform.paging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The list convention over HTTP: pages of a real query, the headers, and 400 for a page or size out of range. */
@QuarkusTest
class PagingTest {

    private static final String PROBLEM = "application/problem+json";

    private static UUID reservationId;
    private static final List<String> expected = new ArrayList<>();

    /** 25 notes of one reservation, written once; the texts repeat (five each), so the order of ties is the ids'. */
    @BeforeEach
    void notes() {
        if (reservationId != null) {
            return;
        }
        UUID id = UUID.randomUUID();
        for (int i = 0; i < 25; i++) {
            String text = "note " + (char) ('e' - i % 5);
            given().contentType(ContentType.JSON)
                    .body("{\"reservationId\":\"" + id + "\",\"text\":\"" + text + "\"}")
                    .post("/notes").then().statusCode(200);
            expected.add(text);
        }
        expected.sort(Comparator.naturalOrder());
        reservationId = id;
    }

    @Test
    void theFirstPageHasTwentyAndTheHeaders() {
        list("").statusCode(200).contentType(ContentType.JSON)
                .body("$", hasSize(20))
                .header("X-Total-Count", "25")
                .header("Link", equalTo("</notes?reservationId=" + reservationId + "&page=0&size=20>; rel=\"first\", "
                        + "</notes?reservationId=" + reservationId + "&page=1&size=20>; rel=\"next\", "
                        + "</notes?reservationId=" + reservationId + "&page=1&size=20>; rel=\"last\""));
    }

    @Test
    void pagesFollowOneAnotherInAStableOrderWithTiesBrokenById() {
        List<String> all = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            all.addAll(list("&size=10&page=" + page).statusCode(200).header("X-Total-Count", "25")
                    .extract().jsonPath().getList("$", String.class));
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((String s) -> s.substring(0, s.indexOf('/')))
                .thenComparing(s -> s.substring(s.indexOf('/') + 1)));
        org.assertj.core.api.Assertions.assertThat(all).hasSize(25).doesNotHaveDuplicates().isEqualTo(sorted);
        org.assertj.core.api.Assertions.assertThat(all.stream().map(s -> s.substring(0, s.indexOf('/'))).toList())
                .isEqualTo(expected);
    }

    @Test
    void theLastPageHasTheRestAndNoNext() {
        list("&size=10&page=2").statusCode(200).body("$", hasSize(5))
                .header("Link", not(containsString("rel=\"next\"")))
                .header("Link", containsString("page=1&size=10>; rel=\"prev\""))
                .header("Link", containsString("page=2&size=10>; rel=\"last\""));
    }

    @Test
    void aPagePastTheEndIsEmptyNotAnError() {
        list("&page=5").statusCode(200).body("$", hasSize(0)).header("X-Total-Count", "25");
    }

    @Test
    void aSizeOver100IsA400NamingIt() {
        invalid(list("&size=101"), "size");
    }

    @Test
    void aSizeOfZeroIsA400NamingIt() {
        invalid(list("&size=0"), "size");
    }

    @Test
    void aNegativePageIsA400NamingIt() {
        invalid(list("&page=-1"), "page");
    }

    @Test
    void aSizeThatIsNotANumberIsA400NamingIt() {
        invalid(list("&size=abc"), "size");
        invalid(list("&page=first"), "page");
    }

    @Test
    void anEmptyPageOrSizeIsTheDefault() {
        list("&page=&size=").statusCode(200).body("$", hasSize(20));
    }

    @Test
    void aResourceThatForgotValidStillAnswers400() {
        invalid(given().get("/notes/unchecked?size=abc").then(), "size");
        given().get("/notes/unchecked?size=5").then().statusCode(200).header("X-Total-Count", "0");
    }

    private ValidatableResponse list(String query) {
        return given().get("/notes?reservationId=" + reservationId + query).then();
    }

    private static void invalid(ValidatableResponse response, String parameter) {
        response.statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("violations.field", contains(parameter));
    }
}
