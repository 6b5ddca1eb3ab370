package org.ems.security.domain;

/**
 * Whether validation enforces certificates' expiry dates. Network sign-on uses IGNORE so that a
 * module with an expired certificate can still sign on to be recertified; everything else
 * uses ENFORCE. IGNORE applies to the whole chain and skips only the expiry: a certificate
 * issued in the future is refused either way.
 */
public enum ExpiryCheck {
    ENFORCE,
    IGNORE
}
