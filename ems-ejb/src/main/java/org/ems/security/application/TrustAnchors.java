package org.ems.security.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.GlobalRecertification;
import org.ems.security.domain.KeyLengthPolicy;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.NumberingSchemeRepository;
import org.ems.security.domain.PssKeyList;
import org.ems.security.domain.SecurityPublication;
import org.ems.security.domain.SecurityPublicationRepository;
import org.ems.security.domain.SignedKeyLengthPolicy;

/**
 * What every validation trusts: the numbering scheme and the primary security servers' signed
 * publications. Each publication is verified again when read (pair assertion: it was verified
 * when it was signed), so a row altered in the database is refused, not used.
 */
@ApplicationScoped
public class TrustAnchors {

    private final AtomicReference<VerifiedPssKeys> verifiedPssKeys = new AtomicReference<>();
    /** Publications verified under a PSS key list, by slot: see {@link #verifiedOnce}. */
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();
    private NumberingSchemeRepository schemes;
    private SecurityPublicationRepository publications;

    protected TrustAnchors() {
        // for CDI
    }

    @Inject
    public TrustAnchors(NumberingSchemeRepository schemes, SecurityPublicationRepository publications) {
        this.schemes = schemes;
        this.publications = publications;
    }

    public boolean isInstalled() {
        return schemes.find().isPresent();
    }

    public NumberingScheme scheme() {
        return schemes.find().orElseThrow(() -> new IllegalStateException("the security hierarchy is not installed"));
    }

    /**
     * The active PSS key list, verified. Every validation, publication and sign-on step asks
     * for it, often several times; its P-521 signature is checked once per distinct stored
     * encoding (the row is still read each time, and any changed bytes are verified afresh).
     */
    public PssKeyList pssKeys() {
        byte[] encoded = latest(SecurityPublication.Kind.PSS_KEY_LIST).encoded();
        VerifiedPssKeys known = verifiedPssKeys.get();
        if (known != null && Arrays.equals(known.encoded(), encoded)) {
            return known.keys();
        }
        PssKeyList keys = PssKeyList.decode(encoded);
        keys.verify();
        verifiedPssKeys.set(new VerifiedPssKeys(encoded, keys));
        return keys;
    }

    /** A PSS key list and the exact bytes it was verified from. */
    private record VerifiedPssKeys(byte[] encoded, PssKeyList keys) {
    }

    /** A publication decoded and verified from exactly {@code encoded} under {@code keys}. */
    private record Verified(byte[] encoded, PssKeyList keys, Object value) {
    }

    /**
     * The publication in {@code encoded}, decoded and verified by {@code decodeAndVerify} once per
     * distinct encoding and PSS key list: every payment step validates certificates against the
     * bad-ID list, whose P-521 signature was checked on every read before. The row is still read
     * each time; changed bytes or a new key list are verified afresh. Publications are immutable.
     */
    private <T> T verifiedOnce(String slot, byte[] encoded, Class<T> type, Function<PssKeyList, T> decodeAndVerify) {
        PssKeyList keys = pssKeys();
        Verified known = verified.get(slot);
        if (known != null && known.keys() == keys && Arrays.equals(known.encoded(), encoded)) {
            return type.cast(known.value());
        }
        T value = decodeAndVerify.apply(keys);
        verified.put(slot, new Verified(encoded.clone(), keys, value));
        return value;
    }

    public BadIdList latestBadIds() {
        return verifiedBadIds(latest(SecurityPublication.Kind.BAD_ID_LIST));
    }

    public BadIdList badIds(long version) {
        return verifiedBadIds(publications.find(SecurityPublication.Kind.BAD_ID_LIST, version)
                .orElseThrow(() -> new IllegalStateException("bad-ID list version " + version + " was never published")));
    }

    public KeyLengthPolicy keyLengthPolicy() {
        byte[] encoded = latest(SecurityPublication.Kind.KEY_LENGTH_POLICY).encoded();
        return verifiedOnce("KEY_LENGTH_POLICY", encoded, KeyLengthPolicy.class, keys -> KeyLengthPolicy.decodeVerified(encoded, keys));
    }

    /** The key-length policy in its signed form, as security servers pass it on at sign-on. */
    public SignedKeyLengthPolicy signedKeyLengthPolicy() {
        byte[] encoded = latest(SecurityPublication.Kind.KEY_LENGTH_POLICY).encoded();
        return verifiedOnce("SIGNED_KEY_LENGTH_POLICY", encoded, SignedKeyLengthPolicy.class, keys -> {
            SignedKeyLengthPolicy signed = SignedKeyLengthPolicy.decode(encoded);
            signed.verify(keys);
            return signed;
        });
    }

    public Optional<GlobalRecertification> globalRecertification() {
        return publications.latest(SecurityPublication.Kind.GLOBAL_RECERTIFICATION)
                .map(p -> verifiedOnce("GLOBAL_RECERTIFICATION", p.encoded(), GlobalRecertification.class,
                        keys -> GlobalRecertification.decodeVerified(p.encoded(), keys)));
    }

    /** A validator that checks against the given bad-ID list and the current PSS key list. */
    public CertificateValidator validator(BadIdList badIds, Clock clock) {
        return new CertificateValidator(scheme(), pssKeys(), badIds, clock);
    }

    private BadIdList verifiedBadIds(SecurityPublication publication) {
        return verifiedOnce("BAD_ID_LIST/" + publication.version(), publication.encoded(), BadIdList.class, keys -> {
            BadIdList list = BadIdList.decode(publication.encoded());
            list.verify(keys);
            if (list.version() != publication.version()) {
                throw new IllegalStateException("bad-ID list row " + publication.version() + " holds version " + list.version());
            }
            return list;
        });
    }

    private SecurityPublication latest(SecurityPublication.Kind kind) {
        return publications.latest(kind)
                .orElseThrow(() -> new IllegalStateException("no " + kind + " has been published: install the hierarchy first"));
    }
}
