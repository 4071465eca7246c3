package io.animalhospital.lookup;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against a real PostgreSQL and a real Kafka broker (deploy/infra); here with
 * events published before the service started ({@link LookupTestInfrastructure}).
 */
@WithTestResource(value = LookupTestInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "lookup"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
