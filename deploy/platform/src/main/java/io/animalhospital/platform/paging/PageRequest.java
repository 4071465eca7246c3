package io.animalhospital.platform.paging;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

/**
 * One page of a list, from the query parameters {@code page} (0-based, default 0) and {@code size} (1..100, default
 * 20; an empty value is the default): the convention of every list in every service (decision 0060). A resource takes it as
 * {@code @Valid @BeanParam PageRequest page}; a value out of range or not a number is a 400 naming the parameter
 * before the resource runs. The parameters are read as text because JAX-RS answers a query parameter it cannot
 * convert with 404; the accessors check again so that a resource that forgot {@code @Valid} still answers 400.
 */
public class PageRequest {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Far beyond any list of a clinic; keeps {@code page * size} an {@code int} offset. */
    public static final int MAX_PAGE = 9_999_999;

    static final String PAGE_MESSAGE = "must be a whole number from 0 to " + MAX_PAGE;
    static final String SIZE_MESSAGE = "must be a whole number from 1 to " + MAX_SIZE;

    @QueryParam("page")
    @Pattern(regexp = "(0*[0-9]{1,7})?", message = PAGE_MESSAGE)
    String page;

    @QueryParam("size")
    @Pattern(regexp = "(0*(100|[1-9][0-9]?))?", message = SIZE_MESSAGE)
    String size;

    public PageRequest() {
    }

    private PageRequest(int page, int size) {
        this.page = Integer.toString(page);
        this.size = Integer.toString(size);
    }

    /** A page asked for in code (a service's own caller, a test); the same bounds apply. */
    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest(page, size);
        request.page();
        request.size();
        return request;
    }

    public static PageRequest first() {
        return of(0, DEFAULT_SIZE);
    }

    /** The 0-based page index. */
    public int page() {
        return parse("page", page, 0, 0, MAX_PAGE, PAGE_MESSAGE);
    }

    /** Items per page. */
    public int size() {
        return parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE, SIZE_MESSAGE);
    }

    /** Items before this page: the query's first result. */
    public int offset() {
        return page() * size();
    }

    private static int parse(String name, String text, int absent, int min, int max, String message) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below: the same answer as a value out of range
        }
        throw new InvalidParameterException(name, message);
    }

    @Override
    public String toString() {
        return "page " + page() + " of size " + size();
    }
}
