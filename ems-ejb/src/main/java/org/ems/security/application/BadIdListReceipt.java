package org.ems.security.application;

/** What became of a bad-ID list that the security network delivered. */
public record BadIdListReceipt(Outcome outcome, long version, int serversUpdated, String reason) {

    /** Taken by at least one server, already held by all (a redelivery), or refused. */
    public enum Outcome { ACCEPTED, ALREADY_HELD, REJECTED }

    static BadIdListReceipt accepted(long version, int serversUpdated) {
        return new BadIdListReceipt(serversUpdated > 0 ? Outcome.ACCEPTED : Outcome.ALREADY_HELD, version, serversUpdated, null);
    }

    static BadIdListReceipt rejected(String reason) {
        return new BadIdListReceipt(Outcome.REJECTED, 0, 0, reason);
    }
}
