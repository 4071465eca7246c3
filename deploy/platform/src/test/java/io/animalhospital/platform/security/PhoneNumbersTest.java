package io.animalhospital.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void theWaysPeopleWriteOneNumberAreOneCustomer() {
        for (String written : new String[] { "010-1234-5678", "01012345678", "010 1234 5678", "010.1234.5678",
                "+82 10-1234-5678", "+821012345678", "(010) 1234-5678", " 010-1234-5678 " }) {
            assertThat(PhoneNumbers.normalise(written)).as(written).contains("010-1234-5678");
        }
    }

    @Test
    void seoulAreaAndShortMobileNumbersKeepTheirShape() {
        assertThat(PhoneNumbers.normalise("021234567")).contains("02-123-4567");
        assertThat(PhoneNumbers.normalise("0212345678")).contains("02-1234-5678");
        assertThat(PhoneNumbers.normalise("0311234567")).contains("031-123-4567");
        assertThat(PhoneNumbers.normalise("0111234567")).contains("011-123-4567");
        assertThat(PhoneNumbers.normalise("07012345678")).contains("070-1234-5678");
    }

    @Test
    void whatIsNotAPhoneNumberIsRefused() {
        for (String bad : new String[] { "", "12345678", "010-1234-56", "0101234567890", "phone", "010-12a4-5678",
                "+1 415 555 0100" }) {
            assertThat(PhoneNumbers.normalise(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void logsSeeOnlyTheLastTwoDigits() {
        assertThat(PhoneNumbers.masked("010-1234-5678")).isEqualTo("0**-****-**78");
    }
}
