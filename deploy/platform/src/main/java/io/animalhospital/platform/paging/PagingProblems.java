package io.animalhospital.platform.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A page or size out of range, read by a resource: 400 naming the parameter, like a failed bean validation. */
public class PagingProblems {

    @ServerExceptionMapper(priority = 1)
    public Response invalidPage(PageRequest.InvalidPageException e, UriInfo uri) {
        return e.problem(uri == null ? null : uri.getPath()).toResponse();
    }
}
