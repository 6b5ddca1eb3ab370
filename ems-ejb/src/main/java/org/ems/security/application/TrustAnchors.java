package org.ems.security.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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

    public BadIdList latestBadIds() {
        return verifiedBadIds(latest(SecurityPublication.Kind.BAD_ID_LIST));
    }

    public BadIdList badIds(long version) {
        return verifiedBadIds(publications.find(SecurityPublication.Kind.BAD_ID_LIST, version)
                .orElseThrow(() -> new IllegalStateException("bad-ID list version " + version + " was never published")));
    }

    public KeyLengthPolicy keyLengthPolicy() {
        return KeyLengthPolicy.decodeVerified(latest(SecurityPublication.Kind.KEY_LENGTH_POLICY).encoded(), pssKeys());
    }

    /** The key-length policy in its signed form, as security servers pass it on at sign-on. */
    public SignedKeyLengthPolicy signedKeyLengthPolicy() {
        SignedKeyLengthPolicy signed = SignedKeyLengthPolicy.decode(latest(SecurityPublication.Kind.KEY_LENGTH_POLICY).encoded());
        signed.verify(pssKeys());
        return signed;
    }

    public Optional<GlobalRecertification> globalRecertification() {
        return publications.latest(SecurityPublication.Kind.GLOBAL_RECERTIFICATION)
                .map(p -> GlobalRecertification.decodeVerified(p.encoded(), pssKeys()));
    }

    /** A validator that checks against the given bad-ID list and the current PSS key list. */
    public CertificateValidator validator(BadIdList badIds, Clock clock) {
        return new CertificateValidator(scheme(), pssKeys(), badIds, clock);
    }

    private BadIdList verifiedBadIds(SecurityPublication publication) {
        BadIdList list = BadIdList.decode(publication.encoded());
        list.verify(pssKeys());
        if (list.version() != publication.version()) {
            throw new IllegalStateException("bad-ID list row " + publication.version() + " holds version " + list.version());
        }
        return list;
    }

    private SecurityPublication latest(SecurityPublication.Kind kind) {
        return publications.latest(kind)
                .orElseThrow(() -> new IllegalStateException("no " + kind + " has been published: install the hierarchy first"));
    }
}
