package io.animalhospital.diagnosis.web.client;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import io.smallrye.mutiny.Uni;

/** lookup-service: rebuilding the reservation status view (admin). */
@RegisterRestClient(configKey = "lookup")
@RegisterProvider(UserToken.class)
public interface LookupApi extends DeadLetters {

    @POST
    @Path("/admin/rebuild")
    Uni<RestResponse<Void>> rebuild();
}
