package io.animalhospital.platform.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A list's query parameter out of range or unknown: 400 naming the parameter, like a failed bean validation. */
public class PagingProblems {

    @ServerExceptionMapper(priority = 1)
    public Response invalidPage(InvalidParameterException e, UriInfo uri) {
        return e.problem(uri == null ? null : uri.getPath()).toResponse();
    }
}
