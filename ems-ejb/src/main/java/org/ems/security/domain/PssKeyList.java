package org.ems.security.domain;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;

/**
 * The signed list of active primary security servers and their public keys ("created by a
 * primary security server and signed by the server with its private key", then broadcast).
 * Every module carries it; it is the root of trust of every certificate.
 *
 * <p>Payload: {@code PSS_KEY_LIST | version | issued at | designated id | count | (id, key)*}
 * with ids strictly ascending. Invariants: 1..{@link #MAX_SERVERS} servers, every key P-521
 * (a PSS's key length never changes), the designated PSS is listed. Trust: {@link #verify()}
 * checks the designated PSS's signature; a list received as an update must also pass
 * {@link #verifyAgainst} with the list already held, else anyone could make a self-consistent list.
 */
public final class PssKeyList {

    /** "The length of the public key for each primary server will not change." */
    public static final KeyLength PSS_KEY_LENGTH = KeyLength.P521;
    public static final int MAX_SERVERS = 64;
    private static final int MAX_PAYLOAD_BYTES = 32 * 1024;
    private static final int MAX_KEY_BYTES = 512;

    private final long version;
    private final Instant issuedAt;
    private final ModuleId designated;
    private final SortedMap<ModuleId, PublicKey> keys;
    private final SignedEnvelope envelope;

    private PssKeyList(SignedEnvelope envelope) {
        CanonicalReader reader = new CanonicalReader(envelope.payload(), Purpose.PSS_KEY_LIST);
        this.version = reader.getLong();
        this.issuedAt = reader.getInstant();
        this.designated = new ModuleId(reader.getLong());
        this.keys = Collections.unmodifiableSortedMap(readKeys(reader));
        reader.end();
        if (version < 0 || !keys.containsKey(designated)) {
            throw new MalformedEncodingException("negative version or designated PSS not listed");
        }
        this.envelope = envelope;
    }

    /** Signs a list; the designated key must be the private key of the designated PSS's listed key. */
    public static PssKeyList sign(long version, Map<ModuleId, PublicKey> keys, ModuleId designated, Instant issuedAt,
            PrivateKey designatedKey) {
        if (keys.isEmpty() || keys.size() > MAX_SERVERS) {
            throw new IllegalArgumentException("a PSS key list holds 1.." + MAX_SERVERS + " servers");
        }
        if (!keys.containsKey(designated) || version < 0) {
            throw new IllegalArgumentException("the designated PSS must be listed, the version non-negative");
        }
        keys.values().forEach(key -> {
            if (KeyLength.of(key) != PSS_KEY_LENGTH) {
                throw new IllegalArgumentException("primary security servers have " + PSS_KEY_LENGTH + " keys");
            }
        });
        CanonicalWriter writer = new CanonicalWriter(Purpose.PSS_KEY_LIST)
                .putLong(version)
                .putInstant(issuedAt.truncatedTo(ChronoUnit.MILLIS))
                .putLong(designated.value())
                .putInt(keys.size());
        new TreeMap<>(keys).forEach((id, key) -> writer.putLong(id.value()).putBytes(key.getEncoded()));
        PssKeyList list = new PssKeyList(SignedEnvelope.sign(writer.toBytes(), designatedKey));
        if (!list.envelope.isSignedBy(list.keys.get(designated))) {
            throw new IllegalArgumentException("the signing key is not the designated PSS's listed key");
        }
        return list;
    }

    /** Decodes {@link #encoded()}; structural problems: {@link CertificateRejectedException} MALFORMED. */
    public static PssKeyList decode(byte[] encoded) {
        return SignedDocuments.decode(encoded, Purpose.PSS_KEY_LIST, MAX_PAYLOAD_BYTES, PssKeyList::new);
    }

    /** Self-consistency: signed by the designated PSS with the key this list gives it. */
    public void verify() {
        SignedDocuments.requireSignedBy(envelope, keys.get(designated), "PSS key list " + version);
    }

    /**
     * Accepts this list as the successor of the trusted one: newer version (else STALE_VERSION),
     * signed by a PSS active in the trusted list (else UNKNOWN_ISSUER) with the key listed there,
     * and self-consistent (else BAD_SIGNATURE).
     */
    public void verifyAgainst(PssKeyList trustedPrevious) {
        if (version <= trustedPrevious.version) {
            throw new CertificateRejectedException(RejectionReason.STALE_VERSION,
                    "PSS key list " + version + " does not follow " + trustedPrevious.version);
        }
        PublicKey trustedKey = SignedDocuments.activeKey(trustedPrevious, designated, "PSS key list " + version);
        SignedDocuments.requireSignedBy(envelope, trustedKey, "PSS key list " + version + " against the trusted list");
        if (!trustedKey.equals(keys.get(designated))) {
            verify();
        }
    }

    public Optional<PublicKey> keyOf(ModuleId pssId) {
        return Optional.ofNullable(keys.get(pssId));
    }

    public ModuleId designated() {
        return designated;
    }

    public long version() {
        return version;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    /** Unmodifiable, ordered by id. */
    public Map<ModuleId, PublicKey> keys() {
        return keys;
    }

    public byte[] encoded() {
        return envelope.encoded();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PssKeyList that && envelope.equals(that.envelope);
    }

    @Override
    public int hashCode() {
        return envelope.hashCode();
    }

    @Override
    public String toString() {
        return "PssKeyList[version " + version + ", designated " + designated + ", servers " + keys.keySet() + "]";
    }

    private static SortedMap<ModuleId, PublicKey> readKeys(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 1 || count > MAX_SERVERS) {
            throw new MalformedEncodingException("PSS key list of " + count + " servers");
        }
        SortedMap<ModuleId, PublicKey> keys = new TreeMap<>();
        long previousId = 0;
        for (int i = 0; i < count; i++) {
            long id = reader.getLong();
            if (id <= previousId) {
                throw new MalformedEncodingException("PSS ids not strictly ascending");
            }
            previousId = id;
            PublicKey key = Crypto.decodePublicKey(reader.getBytes(MAX_KEY_BYTES));
            if (KeyLength.of(key) != PSS_KEY_LENGTH) {
                throw new MalformedEncodingException("PSS " + id + " has a " + KeyLength.of(key) + " key, not " + PSS_KEY_LENGTH);
            }
            keys.put(new ModuleId(id), key);
        }
        return keys;
    }
}
