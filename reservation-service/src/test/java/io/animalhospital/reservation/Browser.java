package io.animalhospital.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.restassured.RestAssured;

/**
 * A cookie-keeping HTTP client that behaves like a browser behind the entry point: it sends the entry point's
 * forwarded headers ({@value #ENTRY_POINT}, the origin the realm's web client allows), and where a redirect names that
 * origin it goes to the app under test instead. Signing in is Keycloak's real login form, over HTTP.
 */
final class Browser {

    /** The origin the realm file registers for animal-hospital-web (the local entry point). */
    static final String ENTRY_POINT = "127.0.0.1:8080";
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern LOGIN_FORM_ACTION_FIRST = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Cookies by path and name, all on 127.0.0.1 (the app and Keycloak): kept by hand because Keycloak marks its own
     * Secure, which a browser sends to a loopback address over http and java.net's CookieManager does not.
     */
    private final Map<String, String[]> cookies = new java.util.concurrent.ConcurrentHashMap<>();
    private String acceptLanguage = "ko-KR,ko;q=0.9";
    /** The authorization request of the last sign-in, as the app sent the browser to Keycloak. */
    private URI authorizationRequest;

    Browser acceptLanguage(String header) {
        this.acceptLanguage = header;
        return this;
    }

    URI authorizationRequest() {
        return authorizationRequest;
    }

    static String app() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    /** GET a path of the app (or an absolute URL), without following redirects. */
    HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(target(pathOrUrl)).GET());
    }

    /** POST a form to a path of the app. */
    HttpResponse<String> post(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(target(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** GET, following redirects (to Keycloak and back) until a page answers. */
    HttpResponse<String> open(String path) {
        HttpResponse<String> response = get(path);
        for (int hops = 0; hops < 10 && isRedirect(response); hops++) {
            response = get(location(response));
        }
        return response;
    }

    /**
     * Signs in through the code flow: the app sends the browser to Keycloak (PKCE included), Keycloak's login form
     * takes the password, Keycloak sends the browser back with a code the app exchanges. Ends on the app's page.
     */
    HttpResponse<String> signIn(String username, String password) {
        HttpResponse<String> toKeycloak = get("/app/signin");
        assertThat(toKeycloak.statusCode()).as("the app sends the browser to Keycloak").isEqualTo(302);
        authorizationRequest = URI.create(location(toKeycloak));
        HttpResponse<String> loginPage = get(authorizationRequest.toString());
        for (int hops = 0; hops < 5 && isRedirect(loginPage); hops++) {
            loginPage = get(location(loginPage));
        }
        assertThat(loginPage.statusCode()).as("Keycloak's login page").isEqualTo(200);
        Matcher form = LOGIN_FORM.matcher(loginPage.body());
        if (!form.find()) {
            form = LOGIN_FORM_ACTION_FIRST.matcher(loginPage.body());
            assertThat(form.find()).as("a login form on Keycloak's page").isTrue();
        }
        HttpResponse<String> back = send(HttpRequest.newBuilder(URI.create(form.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(Map.of("username", username, "password", password,
                        "credentialId", "")))));
        assertThat(back.statusCode()).as("Keycloak sends the browser back with a code: " + back.body()).isEqualTo(302);
        HttpResponse<String> response = back;
        for (int hops = 0; hops < 10 && isRedirect(response); hops++) {
            response = get(location(response));
        }
        return response;
    }

    static boolean isRedirect(HttpResponse<?> response) {
        return response.statusCode() == 302 || response.statusCode() == 303 || response.statusCode() == 307;
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The first capture of a pattern in a page. */
    static String find(String html, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(html);
        assertThat(matcher.find()).as("the page has " + regex).isTrue();
        return matcher.group(1);
    }

    private URI target(String pathOrUrl) {
        if (pathOrUrl.startsWith("/")) {
            return URI.create(app() + pathOrUrl);
        }
        // The entry point's origin is this app in the tests.
        return URI.create(pathOrUrl.replace("http://" + ENTRY_POINT, app()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).header("Accept", "text/html")
                .header("Accept-Language", acceptLanguage).build();
        HttpRequest.Builder withHeaders = HttpRequest.newBuilder(built, (name, value) -> true);
        if (built.uri().toString().startsWith(app())) {
            withHeaders.header("X-Forwarded-Host", ENTRY_POINT).header("X-Forwarded-Proto", "http");
        }
        String path = built.uri().getPath();
        String cookie = cookies.values().stream().filter(c -> path.startsWith(c[0]))
                .map(c -> c[1] + "=" + c[2]).collect(Collectors.joining("; "));
        if (!cookie.isEmpty()) {
            withHeaders.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> response = http.send(withHeaders.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The name of a cookie the app set, if it has one now. */
    boolean hasCookie(String prefix) {
        return cookies.values().stream().anyMatch(c -> c[1].startsWith(prefix));
    }

    private void keep(String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        String name = parts[0].substring(0, equals).strip();
        String value = parts[0].substring(equals + 1).strip();
        String path = "/";
        boolean gone = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip().toLowerCase(java.util.Locale.ROOT);
            if (attribute.startsWith("path=")) {
                path = parts[i].strip().substring(5);
            } else if (attribute.startsWith("max-age=")) {
                gone |= Long.parseLong(attribute.substring(8)) <= 0;
            } else if (attribute.startsWith("expires=") && attribute.contains("1970")) {
                gone = true;
            }
        }
        if (gone) {
            cookies.remove(path + " " + name);
        } else {
            cookies.put(path + " " + name, new String[] { path, name, value });
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
