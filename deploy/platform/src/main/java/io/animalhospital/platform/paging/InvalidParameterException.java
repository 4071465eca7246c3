package io.animalhospital.platform.paging;

import java.util.List;

import io.animalhospital.platform.problem.Problem;

/** A query parameter of a list that cannot be used (a page out of range, an unknown status): 400 naming it. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;
    private final String reason;

    public InvalidParameterException(String parameter, String reason) {
        super("Parameter '" + parameter + "' " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    public Problem problem(String instance) {
        return new Problem(Problem.BLANK, "Invalid request", 400, "The request has invalid or missing values",
                instance, List.of(new Problem.Violation(parameter, reason)));
    }
}
