package io.animalhospital.diagnosis.web;

import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.qute.TemplateData;

/**
 * A list page's position, from the API's {@code X-Total-Count} (the shared pagination convention), with links to
 * the previous and next pages of the console's own address.
 */
@TemplateData
public record Paging(int page, int pages, long total, String previousHref, String nextHref) {

    static final int SIZE = 50;

    static Paging none() {
        return new Paging(0, 1, 0, null, null);
    }

    public boolean many() {
        return pages > 1;
    }

    public int shownPage() {
        return page + 1;
    }

    static Paging of(RestResponse<? extends List<?>> response, int page, UriInfo uri) {
        long total;
        try {
            String header = response.getHeaderString("X-Total-Count");
            total = header == null ? response.getEntity().size() + (long) page * SIZE : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            total = response.getEntity().size();
        }
        int pages = (int) Math.max(1, (total + SIZE - 1) / SIZE);
        return new Paging(page, pages, total, page > 0 ? href(uri, page - 1) : null,
                page + 1 < pages ? href(uri, page + 1) : null);
    }

    /** A page number from the address: anything else than a small non-negative number is the first page. */
    static int parse(String page) {
        return page != null && page.matches("\\d{1,6}") ? Integer.parseInt(page) : 0;
    }

    private static String href(UriInfo uri, int page) {
        return uri.getRequestUriBuilder().replaceQueryParam("page", page).replaceQueryParam("done").build()
                .toString().replaceFirst("^[a-z]+://[^/]+", "");
    }
}
