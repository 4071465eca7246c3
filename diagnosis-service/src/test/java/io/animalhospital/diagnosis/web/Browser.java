package io.animalhospital.diagnosis.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.animalhospital.infra.TestIdentity;

/**
 * A browser as far as the sign-in needs one: it keeps cookies, follows redirects itself and fills in Keycloak's
 * login form. The console is reached as through the entry point: the browser's address is
 * {@value #ENTRY_POINT}, which this class sends to the service under test with {@code X-Forwarded-Host/Proto}
 * (what the proxy sets), so the redirect URIs are the entry point's, the ones the realm's web client accepts.
 */
final class Browser {

    static final String ENTRY_POINT = "http://127.0.0.1:8080";

    private final HttpClient http;
    private final String service;
    /** Cookies by path and name: every party here is on 127.0.0.1, over plain HTTP (Keycloak marks its cookies
     *  Secure, which java.net's cookie handler then never sends back over HTTP, unlike a browser on localhost). */
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();
    private HttpResponse<String> last;
    private URI lastUri;

    Browser() {
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        service = "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    /** Signs in through Keycloak's login form as one of the test users, starting from a console page. */
    Browser signIn(String username, String pathAndQuery) {
        HttpResponse<String> challenge = send("GET", ENTRY_POINT + pathAndQuery, null);
        if (challenge.statusCode() != 302) {
            throw new AssertionError("no sign-in redirect but " + challenge.statusCode() + ": " + challenge.body());
        }
        authorizationRequest = challenge.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> login = follow(challenge);
        Document page = Jsoup.parse(login.body(), lastUri.toString());
        Element form = page.selectFirst("form#kc-form-login");
        if (form == null) {
            throw new AssertionError("no Keycloak login form: " + login.statusCode() + " " + login.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(input -> fields.put(input.attr("name"), input.val()));
        fields.put("username", username);
        fields.put("password", TestIdentity.PASSWORD);
        follow(send("POST", form.absUrl("action"), fields));
        return this;
    }

    /** The address Keycloak was asked to sign in at (with its PKCE challenge), once {@link #signIn} ran. */
    String authorizationRequest;

    HttpResponse<String> get(String pathAndQuery) {
        return follow(send("GET", ENTRY_POINT + pathAndQuery, null));
    }

    /** A form posted as the browser posts it; redirects followed (Post/Redirect/Get). */
    HttpResponse<String> post(String pathAndQuery, Map<String, String> form) {
        return follow(send("POST", ENTRY_POINT + pathAndQuery, form));
    }

    /** The same, without following: the console's own answer. */
    HttpResponse<String> postOnly(String pathAndQuery, Map<String, String> form) {
        return send("POST", ENTRY_POINT + pathAndQuery, form);
    }

    Document page() {
        return Jsoup.parse(last.body(), lastUri.toString());
    }

    URI location() {
        return lastUri;
    }

    private HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            current = send("GET", lastUri.resolve(location).toString(), null);
        }
        return current;
    }

    private HttpResponse<String> send(String method, String address, Map<String, String> form) {
        URI uri = URI.create(address);
        HttpRequest.Builder request;
        String shown = address;
        if (address.startsWith(ENTRY_POINT)) {
            // Through "the entry point": to the service, saying which host and scheme the browser used.
            request = HttpRequest.newBuilder(URI.create(service + address.substring(ENTRY_POINT.length())))
                    .header("X-Forwarded-Host", uri.getAuthority()).header("X-Forwarded-Proto", uri.getScheme());
        } else {
            request = HttpRequest.newBuilder(uri);
        }
        request.timeout(Duration.ofSeconds(30)).header("Accept", "text/html");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String cookieHeader = cookies.entrySet().stream().filter(byPath -> path.startsWith(byPath.getKey()))
                .flatMap(byPath -> byPath.getValue().entrySet().stream()).map(c -> c.getKey() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        if (form != null) {
            String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            last = response;
            lastUri = URI.create(shown);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void keep(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        String name = parts[0].substring(0, eq).strip();
        String value = parts[0].substring(eq + 1).strip();
        String path = "/";
        boolean gone = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip();
            String lower = attribute.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("path=")) {
                path = attribute.substring(5);
            } else if (lower.equals("max-age=0") || lower.startsWith("max-age=-")
                    || lower.startsWith("expires=thu, 01 jan 1970") || lower.startsWith("expires=thu, 01-jan-1970")) {
                gone = true;
            }
        }
        if (gone) {
            cookies.getOrDefault(path, new LinkedHashMap<>()).remove(name);
        } else {
            cookies.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(name, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
