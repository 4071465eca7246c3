package io.animalhospital.diagnosis.web.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.animalhospital.diagnosis.web.client.ApiViews.Bill;
import io.animalhospital.diagnosis.web.client.ApiViews.Payment;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import io.smallrye.mutiny.Uni;

/** billing-service: unpaid bills and payments recorded at the desk. */
@RegisterRestClient(configKey = "billing")
@RegisterProvider(UserToken.class)
public interface BillingApi extends DeadLetters {

    @GET
    @Path("/bills")
    Uni<RestResponse<List<Bill>>> bills(@QueryParam("status") String status, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    @GET
    @Path("/bills/{id}")
    Uni<Bill> bill(@PathParam("id") UUID id);

    @POST
    @Path("/bills/{id}/payments")
    Uni<Bill> pay(@PathParam("id") UUID id, @HeaderParam("Idempotency-Key") String idempotencyKey, Payment payment);
}
