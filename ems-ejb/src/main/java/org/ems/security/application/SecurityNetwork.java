package org.ems.security.application;

/**
 * The security network (patent fig. 2) as a port: how the designated primary security server
 * distributes what it signs to the security servers. ems-jms implements it with a queue; the
 * send joins the caller's transaction, so a publication and its distribution commit together.
 */
public interface SecurityNetwork {

    /** Sends a signed bad-ID list, as encoded by {@code BadIdList.encoded()}. */
    void distributeBadIdList(long version, byte[] encodedList);
}
