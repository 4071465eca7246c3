package io.animalhospital.reservation.web.client;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every 4xx/5xx answer of the APIs as an {@link ApiProblem}, read from its problem details. */
public class ApiProblems implements ResponseExceptionMapper<ApiProblem> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE_BASE = "/problems/";

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public ApiProblem toThrowable(Response response) {
        int status = response.getStatus();
        String type = "http-" + status;
        String detail = null;
        Map<String, String> violations = new LinkedHashMap<>();
        try {
            response.bufferEntity();
            String body = response.readEntity(String.class);
            JsonNode problem = body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            String typeUri = problem.path("type").asText("");
            int slug = typeUri.lastIndexOf(TYPE_BASE);
            if (slug >= 0) {
                type = typeUri.substring(slug + TYPE_BASE.length());
            }
            detail = problem.path("detail").asText(null);
            for (JsonNode violation : problem.path("violations")) {
                violations.putIfAbsent(violation.path("field").asText(), violation.path("message").asText());
            }
        } catch (Exception unreadable) {
            // Not problem details (a proxy's page, an empty body): the status says enough.
        }
        return new ApiProblem(status, type, detail, violations, retryAfter(response.getHeaderString("Retry-After")));
    }

    private static Integer retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Math.max(1, Integer.parseInt(header.strip()));
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }
}
