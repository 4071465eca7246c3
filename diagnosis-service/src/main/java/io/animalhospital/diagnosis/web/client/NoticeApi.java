package io.animalhospital.diagnosis.web.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.animalhospital.diagnosis.web.client.ApiViews.Notification;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import io.smallrye.mutiny.Uni;

/** notice-service: notifications by delivery status (the failed ones). */
@RegisterRestClient(configKey = "notice")
@RegisterProvider(UserToken.class)
public interface NoticeApi extends DeadLetters {

    @GET
    @Path("/notifications")
    Uni<RestResponse<List<Notification>>> notifications(@QueryParam("status") String status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size);
}
