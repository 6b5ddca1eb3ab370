package org.ems.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a field from a flat JSON answer; enough for assertions, not a parser. */
final class Json {

    private Json() {
    }

    static long longField(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no numeric field " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
