package io.animalhospital.platform;

import io.animalhospital.infra.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The platform's tests run against a real PostgreSQL and Kafka broker (deploy/infra); the extra databases hold
 * the schemas of the services as they were before the platform, for the upgrade tests.
 */
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "platform"),
                @ResourceArg(name = "companions", value = "legacy_reservation,legacy_lookup") })
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
