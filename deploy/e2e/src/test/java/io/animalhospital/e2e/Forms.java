package io.animalhospital.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.SelectOption;
import java.util.concurrent.ThreadLocalRandom;

/** Filling the UIs' forms by their fields' names, whether a field is a text input or a select. */
final class Forms {

    private Forms() {
    }

    static void fill(Locator scope, String name, String value) {
        Locator field = scope.locator("[name=\"" + name + "\"]").first();
        String tag = (String) field.evaluate("element => element.tagName");
        if ("SELECT".equalsIgnoreCase(tag)) {
            field.selectOption(value);
        } else {
            field.fill(value);
        }
    }

    /** A select set to its first option that has a value (the list's first real choice): that value. */
    static String chooseFirst(Locator select) {
        String value = (String) select.evaluate(
                "s => Array.from(s.options).map(o => o.value).find(v => v !== '') ?? null");
        if (value == null) {
            throw new AssertionError("the select " + select + " offers no choice");
        }
        select.selectOption(new SelectOption().setValue(value));
        return value;
    }

    /** A short random suffix that keeps this run's names apart from any other's. */
    static String unique() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    }
}
