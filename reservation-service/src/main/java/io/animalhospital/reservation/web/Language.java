package io.animalhospital.reservation.web;

import java.util.List;
import java.util.Locale;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;

/**
 * The page's language: Korean unless the person chose English ({@code ?lang=en}, remembered in a cookie) or their
 * browser prefers it ({@code Accept-Language}).
 */
public final class Language {

    static final String KOREAN = "ko";
    static final String ENGLISH = "en";
    static final String PARAMETER = "lang";
    static final String COOKIE = "lang";
    private static final List<String> SUPPORTED = List.of(KOREAN, ENGLISH);
    private static final long ONE_YEAR = 365L * 24 * 3600;

    private Language() {
    }

    /** The language of this request; a {@code ?lang=} choice is remembered for the next ones. */
    static String of(RoutingContext request) {
        String chosen = request.queryParams().get(PARAMETER);
        if (chosen != null && SUPPORTED.contains(chosen)) {
            request.response().addCookie(Cookie.cookie(COOKIE, chosen).setPath("/app").setMaxAge(ONE_YEAR)
                    .setHttpOnly(true).setSameSite(CookieSameSite.LAX));
            return chosen;
        }
        Cookie remembered = request.request().getCookie(COOKIE);
        if (remembered != null && SUPPORTED.contains(remembered.getValue())) {
            return remembered.getValue();
        }
        for (LanguageHeader accepted : request.acceptableLanguages()) {
            String tag = accepted.tag() == null ? "" : accepted.tag().toLowerCase(Locale.ROOT);
            if (SUPPORTED.contains(tag)) {
                return tag;
            }
        }
        return KOREAN;
    }
}
