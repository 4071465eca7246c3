package io.animalhospital.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.server.Cancellable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import io.animalhospital.platform.paging.PageRequest;

/**
 * The house rules, over the main classes of every service and of the platform. Inside a service:
 * {@code rest → domain}, {@code messaging → domain}, {@code repository → domain}, {@code client → domain} (behind
 * a port the domain defines), {@code config} wires frameworks; the domain imports none of them.
 */
class HouseRulesTest {

    static final List<String> SERVICES = List.of("reservation", "diagnosis", "billing", "notice", "lookup");
    static final String SERVICE = "io.animalhospital.*.";

    static final ArchRule noPackageCycleInAService = slices().matching("io.animalhospital.(*).(*)..")
            .should().beFreeOfCycles();

    static final ArchRule theDomainDependsOnNoOtherRole = noClasses().that().resideInAPackage(SERVICE + "domain..")
            .should().dependOnClassesThat().resideInAnyPackage(roles("rest", "messaging", "client", "config", "repository"))
            .because("the domain defines ports; the other roles depend on it, never the other way");

    static final ArchRule restUsesOnlyTheDomain = onlyTheDomainAndConfig("rest", "messaging", "client", "repository");

    static final ArchRule messagingUsesOnlyTheDomain = onlyTheDomainAndConfig("messaging", "rest", "client", "repository");

    static final ArchRule repositoriesUseOnlyTheDomain = onlyTheDomainAndConfig("repository", "rest", "messaging", "client");

    static final ArchRule clientsUseOnlyTheDomain = onlyTheDomainAndConfig("client", "rest", "messaging", "repository");

    static final ArchRule servicesShareNoCode = CompositeArchRule.of(SERVICES.stream()
            .map(service -> noClasses().that().resideInAPackage("io.animalhospital." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream()
                            .filter(other -> !other.equals(service))
                            .map(other -> "io.animalhospital." + other + "..")
                            .toArray(String[]::new))
                    .as(service + "-service uses no other service's classes"))
            .toList()).because("events and APIs are the contracts between services, not shared classes");

    static final ArchRule thePlatformKnowsNoService = noClasses().that().resideInAPackage("io.animalhospital.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream()
                    .map(service -> "io.animalhospital." + service + "..").toArray(String[]::new));

    static final ArchRule everyRequestRunsToItsEnd = classes().that().resideInAPackage(SERVICE + "rest..")
            .and().areAnnotatedWith(Path.class).and().areNotInterfaces()
            .should().beAnnotatedWith(DescribedPredicate.describe("@Cancellable(false)",
                    annotation -> annotation.getRawType().isEquivalentTo(Cancellable.class)
                            && Boolean.FALSE.equals(annotation.get("value").orElse(true))))
            .because("a client that hangs up must not cut a request's work in half (docs/decisions/0007)");

    /** An endpoint: a method of a resource class with an HTTP method annotation (@GET, @POST, ...). */
    static final DescribedPredicate<JavaMethod> endpoints = DescribedPredicate.describe("endpoints",
            method -> method.getOwner().isAnnotatedWith(Path.class) && !method.getOwner().isInterface()
                    && method.getAnnotations().stream()
                            .anyMatch(annotation -> annotation.getRawType().isAnnotatedWith(HttpMethod.class)));

    static final ArchRule everyEndpointHasARule = methods().that(endpoints)
            .and().areDeclaredInClassesThat().resideInAnyPackage(SERVICE + "rest..", SERVICE + "web..",
                    "io.animalhospital.platform..")
            .should().beAnnotatedWith(RolesAllowed.class).orShould().beAnnotatedWith(PermitAll.class)
            .orShould().beAnnotatedWith(DenyAll.class)
            .because("who may call it is decided per endpoint, in sight of it (SPEC §7)");

    static final ArchRule everyListIsPaginated = methods().that(endpoints)
            .and().areDeclaredInClassesThat().resideInAPackage(SERVICE + "rest..")
            .and(DescribedPredicate.describe("answer a list", method -> method.getReturnType()
                    .getAllInvolvedRawTypes().stream().anyMatch(type -> type.isEquivalentTo(List.class))))
            .should(new ArchCondition<JavaMethod>("take a PageRequest") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    if (method.getRawParameterTypes().stream().noneMatch(type -> type.isEquivalentTo(PageRequest.class))) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " answers a list "
                                + "without a PageRequest"));
                    }
                }
            })
            .because("every list is paginated with a bounded size, one convention (docs/decisions/0060)");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.animalhospital");
    }

    @Test
    void everyServiceAndThePlatformAreChecked() {
        for (String service : SERVICES) {
            org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.animalhospital." + service + ".domain"))
                    .as(service + "-service's classes are on the classpath").isTrue();
        }
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.animalhospital.platform.outbox")).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> houseRules() {
        Map<String, ArchRule> rules = Map.ofEntries(
                Map.entry("no package cycle in a service", noPackageCycleInAService),
                Map.entry("the domain depends on no other role", theDomainDependsOnNoOtherRole),
                Map.entry("rest uses only the domain", restUsesOnlyTheDomain),
                Map.entry("messaging uses only the domain", messagingUsesOnlyTheDomain),
                Map.entry("repositories use only the domain", repositoriesUseOnlyTheDomain),
                Map.entry("clients use only the domain", clientsUseOnlyTheDomain),
                Map.entry("services share no code", servicesShareNoCode),
                Map.entry("the platform knows no service", thePlatformKnowsNoService),
                Map.entry("every request runs to its end", everyRequestRunsToItsEnd),
                Map.entry("every endpoint has a rule", everyEndpointHasARule),
                Map.entry("every list is paginated", everyListIsPaginated));
        return rules.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().check(classes)));
    }

    private static ArchRule onlyTheDomainAndConfig(String role, String... others) {
        return noClasses().that().resideInAPackage(SERVICE + role + "..")
                .should().dependOnClassesThat().resideInAnyPackage(roles(others))
                .as(role + " depends on no other role than domain and config");
    }

    private static String[] roles(String... roles) {
        return List.of(roles).stream().map(role -> SERVICE + role + "..").toArray(String[]::new);
    }
}
