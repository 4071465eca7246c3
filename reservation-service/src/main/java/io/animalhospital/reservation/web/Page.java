package io.animalhospital.reservation.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import io.animalhospital.platform.security.Caller;
import io.animalhospital.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * What every page's frame shows: the language (and links to the other one), who is signed in, and whether they are
 * staff (who get a pointer to their own console).
 *
 * @param path the request's path and query without {@code lang}, for the language links
 */
public record Page(String lang, String path, boolean signedIn, boolean customer, boolean staff, String name,
        String phone) {

    static Page of(RoutingContext request, SecurityIdentity identity) {
        String lang = Language.of(request);
        String query = request.queryParams().entries().stream()
                .filter(parameter -> !parameter.getKey().equals(Language.PARAMETER))
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
        String path = request.request().path() + (query.isEmpty() ? "" : "?" + query);
        if (identity == null || identity.isAnonymous()) {
            return new Page(lang, path, false, false, false, null, null);
        }
        Caller caller = Caller.of(identity);
        return new Page(lang, path, true, identity.hasRole(Roles.CUSTOMER), caller.isStaff(), caller.name(),
                caller.phone().orElse(null));
    }

    /** This page in the other language. */
    public String langLink(String to) {
        return path + (path.contains("?") ? "&" : "?") + Language.PARAMETER + "=" + to;
    }

    /** The text direction and language tag of the html element. */
    public boolean english() {
        return Language.ENGLISH.equals(lang);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** This page with one query parameter set (a list's page number). */
    public String with(String name, int value) {
        String base = path.replaceAll("([?&])" + name + "=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return base + (base.contains("?") ? "&" : "?") + name + "=" + value;
    }
}
