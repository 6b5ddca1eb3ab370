package org.ems.network.domain;

import java.util.Objects;
import org.ems.security.domain.ModuleId;

/** The address of a module or a security server: its id in the numbering scheme. */
public record ModuleAddress(ModuleId id) implements Address {

    public ModuleAddress {
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return "id " + id;
    }
}
