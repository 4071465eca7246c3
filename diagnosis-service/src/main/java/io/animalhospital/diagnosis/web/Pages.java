package io.animalhospital.diagnosis.web;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.animalhospital.platform.security.Roles;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Renders the console's pages: the chrome of each, its language, its status. */
@ApplicationScoped
public class Pages {

    static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    /** The request a page answers: who asks, in which language, from which address. */
    public record Request(SecurityIdentity identity, HttpHeaders headers, UriInfo uri, String langParam) {

        public String lang() {
            return StaffLocale.of(langParam, headers);
        }

        public StaffMessages msg() {
            return Problems.messages(lang());
        }

        Chrome chrome(String nav) {
            String user = identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
            boolean admin = identity != null && identity.hasRole(Roles.ADMIN);
            return new Chrome(lang(), user, admin, nav, langHref("en"), langHref("ko"));
        }

        private String langHref(String lang) {
            return uri.getRequestUriBuilder().replaceQueryParam("lang", lang).build().toString()
                    .replaceFirst("^[a-z]+://[^/]+", "");
        }
    }

    /** A page with its data; {@code status} as the API answered when the page shows its problem. */
    Uni<Response> render(Template template, Request request, String nav, int status, Map<String, Object> data) {
        TemplateInstance page = template.data("chrome", request.chrome(nav)).data("notice", null)
                .data("problem", Shown.none());
        data.forEach(page::data);
        page.setLocale(java.util.Locale.forLanguageTag(request.lang()));
        NewCookie remember = StaffLocale.remember(request.langParam());
        return page.createUni().map(html -> {
            Response.ResponseBuilder response = Response.status(status).type(HTML).entity(html)
                    .header("Cache-Control", "no-store").header("Content-Language", request.lang());
            if (remember != null) {
                response.cookie(remember);
            }
            return response.build();
        });
    }

    /** After a change: back to the page that lists it, saying what was done (Post/Redirect/Get). */
    static Response seeOther(String pathAndQuery) {
        return Response.seeOther(URI.create(pathAndQuery)).header("Cache-Control", "no-store").build();
    }
}
