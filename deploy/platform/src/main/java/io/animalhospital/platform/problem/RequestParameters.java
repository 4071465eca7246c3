package io.animalhospital.platform.problem;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.animalhospital.platform.json.StrictJson;

/**
 * Query and path parameters with control characters (a NUL reaches PostgreSQL as an error) are refused with 400
 * before any resource runs: the counterpart of {@link StrictJson} for what is not a JSON body.
 */
public class RequestParameters {

    @ServerRequestFilter(preMatching = false)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        String bad = firstBad(request.getUriInfo().getQueryParameters());
        if (bad == null) {
            bad = firstBad(request.getUriInfo().getPathParameters());
        }
        if (bad == null) {
            return null;
        }
        return new Problem(Problem.BLANK, "Invalid value", 400, "Parameter '" + bad + "' contains control characters",
                request.getUriInfo().getPath(), List.of(new Problem.Violation(bad, "must not contain control characters")))
                .toResponse();
    }

    private static String firstBad(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && StrictJson.hasControlCharacters(value)) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }
}
