package io.animalhospital.load.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.infra.KeycloakServer;

/**
 * Customer accounts of the load tools, LOCAL DEVELOPMENT ONLY (published password {@value #PASSWORD}), added to the
 * local stack's realm with Keycloak's partial import (users that exist are kept): each with a phone number of its
 * own, the realm's default roles (a customer), and a verified e-mail. A customer owns what carries their phone
 * (SPEC §7), so a load that places for many customers needs many accounts.
 * <p>
 * As a command, for the scripts (read-heavy's customers): adds the accounts and writes one line per customer,
 * {@code username phone token}, with a fresh token each (they live 300 s):
 * <pre>
 * LoadCustomers --keycloak http://127.0.0.1:8180 --admin-password-file STATE/keycloak/admin-password
 *               --prefix read-customer --phones 010-7000- --count 200 --out customers.tokens [--role staff]
 * </pre>
 * The administrator is the stack's bootstrap one (its password made up per machine in the stack's state folder).
 */
public final class LoadCustomers {

    /** The password of every load account (local stacks only). */
    public static final String PASSWORD = "load-local-only";
    /** The realm role every new account gets, which makes it a customer. */
    public static final String CUSTOMER_ROLE = "default-roles-animal-hospital";

    /** One account: its user name and the phone it owns (normal form). */
    public record Customer(String username, String phone) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadCustomers() {
    }

    /**
     * {@code count} customers named {@code <prefix>-0001...} with the phones {@code <phonePrefix>0001...}
     * (e.g. prefix "chaos-customer", phonePrefix "010-5000-").
     */
    public static List<Customer> numbered(String prefix, String phonePrefix, int count) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            customers.add(new Customer(String.format("%s-%04d", prefix, i), String.format("%s%04d", phonePrefix, i)));
        }
        return customers;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String role = options.getOrDefault("role", CUSTOMER_ROLE);
        for (String required : List.of("keycloak", "admin-password-file", "prefix", "phones", "count", "out")) {
            if (!options.containsKey(required)) {
                System.err.println("LoadCustomers: --" + required + " is required");
                System.err.println("usage: LoadCustomers --keycloak URL --admin-password-file FILE --prefix NAME"
                        + " --phones 010-7000- --count N --out FILE [--role staff]");
                System.exit(2);
            }
        }
        String keycloakUrl = options.get("keycloak");
        List<Customer> customers = numbered(options.get("prefix"), options.get("phones"),
                Integer.parseInt(options.get("count")));
        int port = URI.create(keycloakUrl).getPort();
        // Only its admin API is used: no process, no database.
        KeycloakServer keycloak = new KeycloakServer(Path.of(System.getProperty("java.io.tmpdir")), port, port + 1,
                null, Files.readString(Path.of(options.get("admin-password-file"))).trim(), null);
        // In batches: Keycloak hashes every password of an import within the one request.
        for (int from = 0; from < customers.size(); from += 50) {
            keycloak.importIntoRealm(partialImport(customers.subList(from, Math.min(customers.size(), from + 50)), role));
        }
        try (Tokens tokens = new Tokens(keycloakUrl)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<String>> lines = new ArrayList<>();
            for (Customer customer : customers) {
                lines.add(pool.submit(() -> customer.username() + " " + customer.phone() + " "
                        + tokens.account(customer.username(), PASSWORD).get(customer.username())));
            }
            StringBuilder out = new StringBuilder();
            for (Future<String> line : lines) {
                out.append(line.get()).append('\n');
            }
            pool.shutdown();
            Files.writeString(Path.of(options.get("out")), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.out.println("[load-customers] " + customers.size() + " accounts of role " + role + " ("
                + customers.get(0).username()
                + "…, phones " + customers.get(0).phone() + "…) in the realm, tokens in " + options.get("out"));
    }

    /** The body of {@code POST /admin/realms/animal-hospital/partialImport} that adds them (existing ones kept). */
    public static String partialImport(List<Customer> customers) {
        return partialImport(customers, CUSTOMER_ROLE);
    }

    /**
     * The same for accounts of another realm role, e.g. {@code staff}: a staff account of the load's own, for a
     * realm whose user profile requires a phone of every account (then the demo {@code staff}, which has none, gets
     * no token: "Account is not fully set up"). A phone on a staff account changes nothing: staff may read and do
     * what their role allows whatever it carries.
     */
    public static String partialImport(List<Customer> customers, String realmRole) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (Customer customer : customers) {
            users.add(Map.of("username", customer.username(), "enabled", true,
                    "email", customer.username() + "@load.example.com", "emailVerified", true,
                    "firstName", "Load", "lastName", customer.username(),
                    "attributes", Map.of("phone_number", List.of(customer.phone())),
                    "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)),
                    "realmRoles", List.of(realmRole)));
        }
        try {
            return JSON.writeValueAsString(Map.of("ifResourceExists", "SKIP", "users", users));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
