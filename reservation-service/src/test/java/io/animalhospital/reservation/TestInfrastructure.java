package io.animalhospital.reservation;

import io.animalhospital.infra.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against a real PostgreSQL and a real Kafka broker (deploy/infra), and the
 * real diagnosis-service (its packaged jar, see {@link DiagnosisService}) with its own database.
 */
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "reservation"),
                @ResourceArg(name = "companions", value = "diagnosis") })
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
