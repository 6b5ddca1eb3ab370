package org.ems.security.domain;

import java.util.Optional;

/** Signed publications of the primary security servers, by kind and version. */
public interface SecurityPublicationRepository {

    Optional<SecurityPublication> latest(SecurityPublication.Kind kind);

    Optional<SecurityPublication> find(SecurityPublication.Kind kind, long version);

    void store(SecurityPublication publication);
}
