package org.ems.network.domain;

import java.util.regex.Pattern;

/**
 * A network server's name. Network servers are not in the numbering scheme (they hold no
 * certificate: they are trusted through the NS/SS keys installed with them), so a plain name.
 */
public record NetworkServerId(String name) implements Address {

    public static final int MAX_NAME_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}");

    public NetworkServerId {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("network server name must be 1.." + MAX_NAME_LENGTH + " of [A-Za-z0-9._-]");
        }
    }

    @Override
    public String toString() {
        return "network server " + name;
    }
}
