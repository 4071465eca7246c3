package io.animalhospital.diagnosis.web;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

/**
 * The console's language: {@code ?lang=en|ko} (remembered in a cookie), else the cookie, else the browser's
 * {@code Accept-Language}, else Korean.
 */
public final class StaffLocale {

    static final String COOKIE = "staff-lang";
    static final List<String> SUPPORTED = List.of("ko", "en");
    static final String DEFAULT = "ko";

    private StaffLocale() {
    }

    /** The language of this request: one of {@link #SUPPORTED}. */
    static String of(String langParam, HttpHeaders headers) {
        if (supported(langParam)) {
            return langParam;
        }
        Cookie cookie = headers.getCookies().get(COOKIE);
        if (cookie != null && supported(cookie.getValue())) {
            return cookie.getValue();
        }
        for (Locale accepted : headers.getAcceptableLanguages()) {
            if (supported(accepted.getLanguage())) {
                return accepted.getLanguage();
            }
        }
        return DEFAULT;
    }

    /** The cookie that remembers a language chosen with {@code ?lang=}, or null when none was chosen now. */
    static NewCookie remember(String langParam) {
        if (!supported(langParam)) {
            return null;
        }
        return new NewCookie.Builder(COOKIE).value(langParam).path("/staff").maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build();
    }

    private static boolean supported(String lang) {
        return lang != null && SUPPORTED.contains(lang);
    }
}
