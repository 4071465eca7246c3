package io.animalhospital.reservation;

import io.animalhospital.infra.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against a real PostgreSQL and a real Kafka broker (deploy/infra). */
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "reservation"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
