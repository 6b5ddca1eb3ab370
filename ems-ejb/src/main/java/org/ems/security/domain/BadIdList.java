package org.ems.security.domain;

import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;

/**
 * The list of ids blocked from transacting (modules, customer service modules, security
 * servers), maintained and signed by the designated primary security server, versioned so that
 * a holder takes only newer lists. There is no unsigned list, not even the first: the
 * designated PSS signs version 0 (empty) when the hierarchy is set up.
 *
 * <p>Payload: {@code BAD_ID_LIST | version | issued at | signer id | count | id*}, ids strictly
 * ascending, at most {@link #MAX_IDS}. Trust: {@link #verify(PssKeyList)}.
 */
public final class BadIdList {

    /** 2 MiB encoded; beyond that the list would need delta updates, a format change. */
    public static final int MAX_IDS = 262_144;
    private static final int MAX_PAYLOAD_BYTES = 4 + 8 + 8 + 8 + 4 + 8 * MAX_IDS;

    private final long version;
    private final Instant issuedAt;
    private final ModuleId signerId;
    private final Set<ModuleId> ids;
    private final SignedEnvelope envelope;

    private BadIdList(SignedEnvelope envelope) {
        CanonicalReader reader = new CanonicalReader(envelope.payload(), Purpose.BAD_ID_LIST);
        this.version = reader.getLong();
        this.issuedAt = reader.getInstant();
        this.signerId = new ModuleId(reader.getLong());
        this.ids = readIds(reader);
        reader.end();
        if (version < 0) {
            throw new MalformedEncodingException("negative version");
        }
        this.envelope = envelope;
    }

    public static BadIdList sign(long version, Set<ModuleId> ids, Instant issuedAt, ModuleId signerPssId, PrivateKey key) {
        if (version < 0 || ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("version must be >= 0 and the list at most " + MAX_IDS + " ids");
        }
        CanonicalWriter writer = new CanonicalWriter(Purpose.BAD_ID_LIST)
                .putLong(version)
                .putInstant(issuedAt.truncatedTo(ChronoUnit.MILLIS))
                .putLong(signerPssId.value())
                .putInt(ids.size());
        new TreeSet<>(ids).forEach(id -> writer.putLong(id.value()));
        return new BadIdList(SignedEnvelope.sign(writer.toBytes(), key));
    }

    /** The next version: this list plus {@code added}, signed anew. */
    public BadIdList withAdded(Set<ModuleId> added, Instant issuedAt, ModuleId signer, PrivateKey key) {
        Set<ModuleId> union = new HashSet<>(ids);
        union.addAll(added);
        return sign(Math.addExact(version, 1), union, issuedAt, signer, key);
    }

    /** Decodes {@link #encoded()}; structural problems: {@link CertificateRejectedException} MALFORMED. */
    public static BadIdList decode(byte[] encoded) {
        return SignedDocuments.decode(encoded, Purpose.BAD_ID_LIST, MAX_PAYLOAD_BYTES, BadIdList::new);
    }

    /** Signed by the designated PSS of the list (else UNKNOWN_ISSUER) with its listed key (else BAD_SIGNATURE). */
    public void verify(PssKeyList pssKeys) {
        if (!signerId.equals(pssKeys.designated())) {
            throw new CertificateRejectedException(RejectionReason.UNKNOWN_ISSUER,
                    "bad-ID list " + version + " signed by " + signerId + ", not the designated PSS");
        }
        SignedDocuments.requireSignedBy(envelope, SignedDocuments.activeKey(pssKeys, signerId, "bad-ID list"),
                "bad-ID list " + version);
    }

    /** STALE_VERSION unless this list is newer than the version held (replays and rollbacks change nothing). */
    public void requireNewerThan(long heldVersion) {
        if (version <= heldVersion) {
            throw new CertificateRejectedException(RejectionReason.STALE_VERSION,
                    "bad-ID list " + version + " is not newer than " + heldVersion);
        }
    }

    public boolean contains(ModuleId id) {
        return ids.contains(id);
    }

    public long version() {
        return version;
    }

    /** Unmodifiable. */
    public Set<ModuleId> ids() {
        return ids;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public ModuleId signerId() {
        return signerId;
    }

    public byte[] encoded() {
        return envelope.encoded();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BadIdList that && envelope.equals(that.envelope);
    }

    @Override
    public int hashCode() {
        return envelope.hashCode();
    }

    @Override
    public String toString() {
        return "BadIdList[version " + version + ", " + ids.size() + " ids, signed by " + signerId + "]";
    }

    private static Set<ModuleId> readIds(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 0 || count > MAX_IDS) {
            throw new MalformedEncodingException("bad-ID list of " + count + " ids");
        }
        Set<ModuleId> ids = new HashSet<>(count * 2);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long id = reader.getLong();
            if (id <= previous) {
                throw new MalformedEncodingException("ids not strictly ascending");
            }
            previous = id;
            ids.add(new ModuleId(id));
        }
        return Set.copyOf(ids);
    }
}
