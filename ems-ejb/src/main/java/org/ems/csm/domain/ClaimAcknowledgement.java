package org.ems.csm.domain;

import java.time.Instant;
import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.money.protocol.TransactionLog;

/**
 * Figure 22, step 2092: the CSM's acknowledgement of a failed-commit claim, with the claim
 * identifier and the date/time of the claim, which the module marks its records with (step 2094).
 * Wire form (inside the session): {@code CLAIM_ACKNOWLEDGEMENT | version | claim id | claimed at}.
 */
public record ClaimAcknowledgement(ClaimId claim, Instant claimedAt) {

    static final int FORMAT_VERSION = 1;

    public ClaimAcknowledgement {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }

    /** Step 2094 at the module: the marks with the request's records marked with this claim. */
    public ClaimMarks markClaimed(ClaimMarks marks, TransactionLog log, FailedCommitClaimRequest request) {
        return marks.mark(log, request.recordIds(), claim, claimedAt);
    }

    public byte[] encoded() {
        return new CanonicalWriter(Purpose.CLAIM_ACKNOWLEDGEMENT).putInt(FORMAT_VERSION)
                .putLong(claim.high()).putLong(claim.low()).putInstant(claimedAt).toBytes();
    }

    public static ClaimAcknowledgement decode(byte[] encoded) {
        try {
            CanonicalReader reader = new CanonicalReader(encoded, Purpose.CLAIM_ACKNOWLEDGEMENT);
            if (reader.getInt() != FORMAT_VERSION) {
                throw new MalformedEncodingException("unknown version");
            }
            ClaimAcknowledgement ack = new ClaimAcknowledgement(new ClaimId(reader.getLong(), reader.getLong()), reader.getInstant());
            reader.end();
            return ack;
        } catch (MalformedEncodingException e) {
            throw new ClaimRejectedException(ClaimRejection.MALFORMED, e.getMessage(), e);
        }
    }
}
