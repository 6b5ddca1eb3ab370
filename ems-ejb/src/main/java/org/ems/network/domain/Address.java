package org.ems.network.domain;

import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.security.domain.ModuleId;

/**
 * Where a network message goes: a module or security server (by its numbering-scheme id) or a
 * network server (by name: network servers are outside the numbering scheme). Encoded as a
 * kind code then the id or name.
 */
public sealed interface Address permits ModuleAddress, NetworkServerId {

    int MODULE_CODE = 1;
    int NETWORK_SERVER_CODE = 2;

    static void write(CanonicalWriter writer, Address address) {
        if (address instanceof ModuleAddress module) {
            writer.putInt(MODULE_CODE).putLong(module.id().value());
        } else {
            writer.putInt(NETWORK_SERVER_CODE).putString(((NetworkServerId) address).name());
        }
    }

    /** Reads what {@link #write} wrote; an unknown kind or an invalid id or name: {@link MalformedEncodingException}. */
    static Address read(CanonicalReader reader) {
        int code = reader.getInt();
        try {
            return switch (code) {
                case MODULE_CODE -> new ModuleAddress(new ModuleId(reader.getLong()));
                case NETWORK_SERVER_CODE -> new NetworkServerId(reader.getString(NetworkServerId.MAX_NAME_LENGTH));
                default -> throw new MalformedEncodingException("unknown address kind " + code);
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("invalid address: " + e.getMessage(), e);
        }
    }
}
