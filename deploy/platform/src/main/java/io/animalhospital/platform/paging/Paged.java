package io.animalhospital.platform.paging;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * One page of a list and the number of items of the whole list. As an answer (decision 0060) the body stays a JSON
 * array, so that clients written before pagination keep working; {@code X-Total-Count} tells the whole list's size
 * and an RFC 8288 {@code Link} header the {@code first}, {@code prev}, {@code next} and {@code last} pages as
 * relative URLs (path and query) that keep the request's other query parameters.
 */
public record Paged<T>(List<T> items, long total) {

    public static final String TOTAL_COUNT = "X-Total-Count";
    public static final String LINK = "Link";

    public Paged {
        items = List.copyOf(items);
    }

    public static <T> Paged<T> of(List<T> items, long total) {
        return new Paged<>(items, total);
    }

    public <R> Paged<R> map(Function<? super T, ? extends R> mapper) {
        return new Paged<>(items.stream().<R>map(mapper).toList(), total);
    }

    /** This page as the answer to the request that asked for it. */
    public RestResponse<List<T>> toResponse(PageRequest request, UriInfo uri) {
        return response(items, total, request, uri);
    }

    public static <T> RestResponse<List<T>> response(List<T> items, long total, PageRequest request, UriInfo uri) {
        return RestResponse.ResponseBuilder.ok(List.copyOf(items))
                .header(TOTAL_COUNT, total)
                .header(LINK, links(total, request, uri.getRequestUri()))
                .build();
    }

    /** The Link header's value; {@code prev} of a page past the end is the last page. */
    static String links(long total, PageRequest request, URI requestUri) {
        int page = request.page();
        int size = request.size();
        long last = Math.max(0, (total - 1) / size);
        List<String> links = new ArrayList<>(4);
        links.add(link(requestUri, 0, size, "first"));
        if (page > 0) {
            links.add(link(requestUri, Math.min(page - 1, last), size, "prev"));
        }
        if (page < last) {
            links.add(link(requestUri, page + 1, size, "next"));
        }
        links.add(link(requestUri, last, size, "last"));
        return String.join(", ", links);
    }

    private static String link(URI requestUri, long page, int size, String rel) {
        URI target = UriBuilder.fromUri(requestUri).replaceQueryParam("page", page).replaceQueryParam("size", size)
                .build();
        String relative = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return "<" + relative + ">; rel=\"" + rel + "\"";
    }
}
