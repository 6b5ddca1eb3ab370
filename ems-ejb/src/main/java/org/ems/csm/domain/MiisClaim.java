package org.ems.csm.domain;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.money.domain.Money;
import org.ems.money.protocol.LoggedNote;
import org.ems.security.domain.ModuleId;

/**
 * A claim for lost money as the CSM files it with the Money Issued Investigation System (figure
 * 22, steps 2098-2102 and 2124-2128): the claim id, why the money was lost, the subscriber's
 * identity (the CSR checked it), the money module, the filing CSM, the claimed items (each note
 * transfer and its amount) and the totals; and where it stands ({@link ClaimState}). The filing
 * is signed by the CSM: {@link #signedFiling}. Immutable: a transition returns the claim in its
 * new state; an illegal one throws {@link IllegalStateException} and changes nothing.
 */
public record MiisClaim(ClaimId id, ClaimKind kind, String subscriber, ModuleId module, ModuleId csm, Instant filedAt,
        List<LoggedNote> items, List<Money> totals, ClaimState state, Instant stateSince, Optional<String> remark) {

    static final int FORMAT_VERSION = 1;
    public static final int MAX_SUBSCRIBER_CHARS = 128;
    public static final int MAX_REMARK_CHARS = 512;
    static final int MAX_ITEMS = 1024 + 256 * 64;

    public MiisClaim {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(csm, "csm");
        Objects.requireNonNull(filedAt, "filedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateSince, "stateSince");
        Objects.requireNonNull(remark, "remark");
        requireSubscriber(subscriber);
        items = List.copyOf(items);
        totals = List.copyOf(totals);
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException(items.size() + " claimed items, 1.." + MAX_ITEMS + " allowed");
        }
        if (!totals.equals(ClaimCodec.totalsOf(items.stream().map(LoggedNote::amount).toList()))) {
            throw new IllegalArgumentException("totals do not add up the claimed items");
        }
        if (stateSince.isBefore(filedAt)) {
            throw new IllegalArgumentException("state changed before the claim was filed");
        }
        if (remark.isPresent() && remark.get().length() > MAX_REMARK_CHARS) {
            throw new IllegalArgumentException("remark longer than " + MAX_REMARK_CHARS);
        }
    }

    /** The subscriber's identity as the CSR recorded it: 1..{@link #MAX_SUBSCRIBER_CHARS} characters, not blank. */
    public static String requireSubscriber(String subscriber) {
        if (subscriber == null || subscriber.isBlank() || subscriber.length() > MAX_SUBSCRIBER_CHARS) {
            throw new IllegalArgumentException("subscriber identity must be 1.." + MAX_SUBSCRIBER_CHARS + " characters");
        }
        return subscriber;
    }

    /** A claim just filed. */
    public static MiisClaim filed(ClaimId id, ClaimKind kind, String subscriber, ModuleId module, ModuleId csm, Instant filedAt,
            List<LoggedNote> items) {
        List<Money> totals = ClaimCodec.totalsOf(items.stream().map(LoggedNote::amount).toList());
        return new MiisClaim(id, kind, subscriber, module, csm, filedAt, items, totals, ClaimState.FILED, filedAt, Optional.empty());
    }

    /** FILED -> UNDER_INVESTIGATION. */
    public MiisClaim investigate(Instant at) {
        return moveTo(ClaimState.UNDER_INVESTIGATION, at, Optional.empty());
    }

    /** UNDER_INVESTIGATION -> PAID: the issuing banks replaced the money. */
    public MiisClaim pay(Instant at) {
        return moveTo(ClaimState.PAID, at, Optional.empty());
    }

    /** FILED or UNDER_INVESTIGATION -> REJECTED, with the reason. */
    public MiisClaim reject(Instant at, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejection states its reason");
        }
        return moveTo(ClaimState.REJECTED, at, Optional.of(reason));
    }

    private MiisClaim moveTo(ClaimState next, Instant at, Optional<String> reason) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("claim " + id + " cannot move from " + state + " to " + next);
        }
        if (at.isBefore(stateSince)) {
            throw new IllegalArgumentException("claim " + id + " moved to " + state + " at " + stateSince + ", not before " + at);
        }
        return new MiisClaim(id, kind, subscriber, module, csm, filedAt, items, totals, next, at, reason);
    }

    /**
     * The filing the CSM sends the MIIS, signed with its key: {@code MIIS_CLAIM | version | claim id |
     * kind | subscriber | M(id) | CSM id | filed at | count | item* | totals}.
     */
    public SignedEnvelope signedFiling(PrivateKey csmKey) {
        return SignedEnvelope.sign(filingPayload(), csmKey);
    }

    byte[] filingPayload() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.MIIS_CLAIM)
                .putInt(FORMAT_VERSION)
                .putLong(id.high()).putLong(id.low())
                .putInt(kind.code())
                .putString(subscriber)
                .putLong(module.value())
                .putLong(csm.value())
                .putInstant(filedAt)
                .putInt(items.size());
        items.forEach(item -> ClaimCodec.putLoggedNote(writer, item));
        ClaimCodec.putTotals(writer, totals);
        return writer.toBytes();
    }

    /** The MIIS's reading of a filing (after it checked the envelope's signature against the CSM's certificate): the claim, FILED. */
    public static MiisClaim fromFiling(byte[] payload) {
        try {
            CanonicalReader reader = new CanonicalReader(payload, Purpose.MIIS_CLAIM);
            if (reader.getInt() != FORMAT_VERSION) {
                throw new MalformedEncodingException("unknown filing version");
            }
            ClaimId id = new ClaimId(reader.getLong(), reader.getLong());
            ClaimKind kind = ClaimKind.ofCode(reader.getInt());
            String subscriber = reader.getString(4 * MAX_SUBSCRIBER_CHARS);
            ModuleId module = new ModuleId(reader.getLong());
            ModuleId csm = new ModuleId(reader.getLong());
            Instant filedAt = reader.getInstant();
            int count = reader.getInt();
            if (count < 1 || count > MAX_ITEMS) {
                throw new MalformedEncodingException(count + " claimed items");
            }
            List<LoggedNote> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(ClaimCodec.getLoggedNote(reader));
            }
            List<Money> totals = ClaimCodec.getTotals(reader);
            reader.end();
            return new MiisClaim(id, kind, subscriber, module, csm, filedAt, items, totals, ClaimState.FILED, filedAt, Optional.empty());
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            throw new ClaimRejectedException(ClaimRejection.MALFORMED, e.getMessage(), e);
        }
    }
}
