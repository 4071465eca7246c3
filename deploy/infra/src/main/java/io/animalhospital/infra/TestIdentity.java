package io.animalhospital.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tokens for the tests, all verified by the services against the real Keycloak of the test run: the realm signs
 * with a key generated for the run ({@link #setUp}), so a test can also sign the tokens Keycloak would never issue
 * (another customer's phone, expired, not yet valid, wrong audience or issuer) without a mock anywhere.
 * {@link #keycloakToken} asks Keycloak itself (password grant of fixed test users).
 */
public final class TestIdentity {

    /** The test users in Keycloak (password {@link #PASSWORD}) and the phones of the two customers. */
    public static final String CUSTOMER_A = "customer-a";
    public static final String CUSTOMER_B = "customer-b";
    public static final String STAFF = "staff-1";
    public static final String ADMIN = "admin-1";
    public static final String NO_ROLE = "no-role";
    public static final String PHONE_A = "010-1111-1111";
    public static final String PHONE_B = "010-2222-2222";
    /**
     * The realm requires a phone of every account (a customer's is what they own), so staff and the role-less
     * user have one too; it gives them nothing (their roles decide).
     */
    static final String PHONE_STAFF = "010-3333-3333";
    static final String PHONE_ADMIN = "010-4444-4444";
    static final String PHONE_NO_ROLE = "010-5555-5555";
    public static final String PASSWORD = "test-password-1";
    static final String TEST_CLIENT = "animal-hospital-test";
    static final String OTHER_REALM = "elsewhere";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String keycloakUrl;
    private final String serviceClientSecret;
    private final PrivateKey signingKey;
    private final String kid;

    private TestIdentity(String keycloakUrl, String serviceClientSecret, PrivateKey signingKey, String kid) {
        this.keycloakUrl = keycloakUrl;
        this.serviceClientSecret = serviceClientSecret;
        this.signingKey = signingKey;
        this.kid = kid;
    }

    /** The test run's identity, from the configuration {@link InfrastructureTestResource} wrote. */
    public static TestIdentity fromConfig() {
        Config config = ConfigProvider.getConfig();
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(config.getValue("hospital.test.signing-key", String.class))));
            return new TestIdentity(config.getValue("hospital.test.keycloak-url", String.class),
                    config.getValue("hospital.test.service-client-secret", String.class), key,
                    config.getValue("hospital.test.signing-kid", String.class));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gives a fresh realm what the tests need: a signing key of this run (the realm's active key), a client that
     * allows the password grant, the test users, and a second realm whose tokens the services must refuse.
     * Returns the configuration the tests read back in {@link #fromConfig()}.
     */
    static Map<String, String> setUp(KeycloakServer keycloak) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            String realmId = JSON.readTree(keycloak.admin("GET", "/admin/realms/" + KeycloakServer.REALM, null, 200))
                    .path("id").asText();
            keycloak.addComponent(JSON.writeValueAsString(Map.of("name", "test-run-key", "providerId", "rsa",
                    "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                    "config", Map.of("priority", List.of("1000"), "enabled", List.of("true"), "active", List.of("true"),
                            "algorithm", List.of("RS256"), "privateKey", List.of(privateKey)))));
            // One Keycloak serves a whole build (SharedIdentity): its tests sign the same accounts in hundreds of
            // times from one address, which brute-force detection takes for an attack and locks the account for a
            // minute. The realm file keeps it on for the local stack and Kubernetes.
            keycloak.admin("PUT", "/admin/realms/" + KeycloakServer.REALM,
                    JSON.writeValueAsString(Map.of("bruteForceProtected", false)), 204);
            keycloak.importIntoRealm(JSON.writeValueAsString(Map.of("ifResourceExists", "SKIP",
                    "clients", List.of(testClient(clinicMappers())),
                    "users", List.of(user(CUSTOMER_A, PHONE_A, "default-roles-animal-hospital"),
                            user(CUSTOMER_B, PHONE_B, "default-roles-animal-hospital"), user(STAFF, PHONE_STAFF, "staff"),
                            user(ADMIN, PHONE_ADMIN, "admin"), user(NO_ROLE, PHONE_NO_ROLE, "offline_access")))));
            keycloak.admin("POST", "/admin/realms", JSON.writeValueAsString(Map.of("realm", OTHER_REALM,
                    "enabled", true, "roles", Map.of("realm", List.of(Map.of("name", "customer"), Map.of("name", "staff"))),
                    "clients", List.of(testClient(List.of())),
                    "users", List.of(user(STAFF, PHONE_STAFF, "staff")))), 201);
            String kid = keyId(keycloak.realmUrl(), (RSAPublicKey) pair.getPublic());
            return Map.of("hospital.test.keycloak-url", keycloak.url(),
                    "hospital.test.service-client-secret", keycloak.serviceClientSecret(),
                    "hospital.test.signing-key", privateKey,
                    "hospital.test.signing-kid", kid);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the test realm", e);
        }
    }

    /** A client for the password grant, with the same token contents as the browser's client. */
    private static Map<String, Object> testClient(Object protocolMappers) {
        return Map.of("clientId", TEST_CLIENT, "enabled", true, "publicClient", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true, "protocolMappers", protocolMappers);
    }

    /** The audience and phone mappers of the realm file's browser client. */
    private static JsonNode clinicMappers() throws java.io.IOException {
        for (JsonNode client : JSON.readTree(KeycloakServer.resource("keycloak/animal-hospital-realm.json")).path("clients")) {
            if ("animal-hospital-web".equals(client.path("clientId").asText())) {
                return client.path("protocolMappers");
            }
        }
        throw new IllegalStateException("no animal-hospital-web client in the realm file");
    }

    private static Map<String, Object> user(String username, String phone, String role) {
        Map<String, Object> user = new LinkedHashMap<>(Map.of("username", username, "enabled", true,
                "email", username + "@example.com", "emailVerified", true, "firstName", username, "lastName", "Test",
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)),
                "realmRoles", List.of(role)));
        if (phone != null) {
            user.put("attributes", Map.of("phone_number", List.of(phone)));
        }
        return user;
    }

    /** The key id Keycloak gave the run's key, found by its modulus in the realm's published keys. */
    private static String keyId(String realmUrl, RSAPublicKey key) throws Exception {
        String modulus = base64Url(unsigned(key.getModulus().toByteArray()));
        JsonNode keys = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl
                + "/protocol/openid-connect/certs")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("keys");
        for (JsonNode jwk : keys) {
            if (modulus.equals(jwk.path("n").asText())) {
                return jwk.path("kid").asText();
            }
        }
        throw new IllegalStateException("the run's key is not among the realm's keys: " + keys);
    }

    public String realmUrl() {
        return keycloakUrl + "/realms/" + KeycloakServer.REALM;
    }

    /** A customer whose account carries this phone. */
    public String customer(String phone) {
        return sign(claims("customer:" + phone, List.of("customer"), phone));
    }

    public String staff() {
        return sign(claims("staff", List.of("staff"), null));
    }

    public String admin() {
        return sign(claims("admin", List.of("admin", "staff"), null));
    }

    /** Signed in, but with none of the clinic's roles. */
    public String noRole() {
        return sign(claims("nobody", List.of("offline_access"), null));
    }

    /** A token as reservation-service's service account gets it. */
    public String service() {
        Map<String, Object> claims = claims("service-account", List.of("reservation-service"), null);
        claims.put("azp", KeycloakServer.SERVICE_CLIENT);
        claims.put("preferred_username", "service-account-" + KeycloakServer.SERVICE_CLIENT);
        return sign(claims);
    }

    /** Signs whatever claims a test gives, with the realm's key. */
    public String sign(Map<String, Object> claims) {
        return sign(Map.of("alg", "RS256", "typ", "JWT", "kid", kid), claims);
    }

    /**
     * The claims of a fresh access token of the realm (valid five minutes), for a test to change before
     * {@link #sign(Map)}.
     */
    public Map<String, Object> claims(String who, List<String> roles, String phone) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", now + 300);
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iss", realmUrl());
        claims.put("aud", List.of(KeycloakServer.AUDIENCE));
        claims.put("sub", UUID.nameUUIDFromBytes(who.getBytes(StandardCharsets.UTF_8)).toString());
        claims.put("typ", "Bearer");
        claims.put("azp", TEST_CLIENT);
        claims.put("realm_access", Map.of("roles", roles));
        claims.put("scope", "openid profile email");
        claims.put("preferred_username", who);
        claims.put("name", who + " Test");
        if (phone != null) {
            claims.put("phone_number", phone);
        }
        return claims;
    }

    /** A real token from Keycloak: the password grant of one of the test users. */
    public String keycloakToken(String username) {
        return tokenFrom(KeycloakServer.REALM, "grant_type=password&client_id=" + TEST_CLIENT + "&username="
                + username + "&password=" + PASSWORD);
    }

    /** A real token of reservation-service's service account from Keycloak (client credentials). */
    public String keycloakServiceToken() {
        return tokenFrom(KeycloakServer.REALM, "grant_type=client_credentials&client_id=" + KeycloakServer.SERVICE_CLIENT
                + "&client_secret=" + serviceClientSecret);
    }

    /**
     * The tokens every endpoint must answer with 401 (none of them is acceptable), by name: expired, not yet
     * valid, wrong issuer, wrong audience, {@code alg: none}, a flipped signature byte, a token of another
     * realm of the same Keycloak, garbage. Each would otherwise be a staff member's.
     */
    public Map<String, String> badTokens() {
        Map<String, String> bad = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        Map<String, Object> expired = claims("staff", List.of("staff"), null);
        expired.put("iat", now - 3600);
        expired.put("exp", now - 1800);
        bad.put("expired", sign(expired));
        Map<String, Object> notYet = claims("staff", List.of("staff"), null);
        notYet.put("nbf", now + 1800);
        notYet.put("iat", now + 1800);
        notYet.put("exp", now + 3600);
        bad.put("not yet valid", sign(notYet));
        Map<String, Object> issuer = claims("staff", List.of("staff"), null);
        issuer.put("iss", keycloakUrl + "/realms/impostor");
        bad.put("wrong issuer", sign(issuer));
        Map<String, Object> audience = claims("staff", List.of("staff"), null);
        audience.put("aud", List.of("account"));
        bad.put("wrong audience", sign(audience));
        String staff = staff();
        String[] parts = staff.split("\\.");
        bad.put("alg none", base64Url(json(Map.of("alg", "none", "typ", "JWT"))) + "." + parts[1] + ".");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        bad.put("flipped signature byte", parts[0] + "." + parts[1] + "." + base64Url(signature));
        bad.put("another realm", tokenFrom(OTHER_REALM, "grant_type=password&client_id=" + TEST_CLIENT + "&username="
                + STAFF + "&password=" + PASSWORD));
        bad.put("garbage", "not-a-token");
        return bad;
    }

    private String tokenFrom(String realm, String form) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realm
                    + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token from realm " + realm + ": " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String sign(Map<String, Object> header, Map<String, Object> claims) {
        String content = base64Url(json(header)) + "." + base64Url(json(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signingKey);
            rsa.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + base64Url(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
