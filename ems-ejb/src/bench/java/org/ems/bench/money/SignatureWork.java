package org.ems.bench.money;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.ems.crypto.Crypto;
import org.ems.money.domain.Note;
import org.ems.security.domain.Certificate;

/**
 * The ECDSA operations that {@code NoteVerifier} performs on one note, replayed without
 * anything else, in its order: for every transfer i, Cert(SS) inside the transferor's
 * certificate by the PSS key (P-521) and Cert(M) by the security server's key (P-256), each
 * distinct certificate once per payment (the verifier's {@code CertificateValidator.forOneCheck});
 * then the body by the generator's key and every record by its transferor's key (P-256). For n
 * transfers by m distinct modules certified by s security servers: s P-521 + (m + n + 1) P-256.
 *
 * <p>{@link #verifyWithKeys} uses the note's own key objects (a note held in memory);
 * {@link #verifyDecodingKeys} first decodes the two keys of every certificate from their bytes,
 * as decoding a received note does, so the verifies run on fresh key objects (Bouncy Castle
 * keeps precomputation on a key's point: a reused key object verifies about 2x faster).
 */
final class SignatureWork {

    private final PublicKey pssKey;
    private final int transfers;
    private final PublicKey[] ssKeys;
    private final PublicKey[] subjectKeys;
    private final byte[][] ssKeyBytes;
    private final byte[][] subjectKeyBytes;
    private final byte[][] ssPayloads;
    private final byte[][] ssSignatures;
    private final byte[][] certPayloads;
    private final byte[][] certSignatures;
    private final byte[] bodyPayload;
    private final byte[] bodySignature;
    private final byte[][] recordPayloads;
    private final byte[][] recordSignatures;
    private final boolean[] firstSs;
    private final boolean[] firstCert;

    /** {@code pssKey}: the key object of the validator's PSS key list (held across verifications). */
    SignatureWork(Note note, PublicKey pssKey) {
        this.pssKey = pssKey;
        this.transfers = note.records().size();
        ssKeys = new PublicKey[transfers];
        subjectKeys = new PublicKey[transfers];
        ssKeyBytes = new byte[transfers][];
        subjectKeyBytes = new byte[transfers][];
        ssPayloads = new byte[transfers][];
        ssSignatures = new byte[transfers][];
        certPayloads = new byte[transfers][];
        certSignatures = new byte[transfers][];
        recordPayloads = new byte[transfers][];
        recordSignatures = new byte[transfers][];
        firstSs = new boolean[transfers];
        firstCert = new boolean[transfers];
        java.util.Set<java.nio.ByteBuffer> seenSs = new java.util.HashSet<>();
        java.util.Set<java.nio.ByteBuffer> seenCerts = new java.util.HashSet<>();
        for (int i = 0; i < transfers; i++) {
            firstSs[i] = seenSs.add(java.nio.ByteBuffer.wrap(note.certificates().get(i).issuerCertificate().orElseThrow().encoded()));
            firstCert[i] = seenCerts.add(java.nio.ByteBuffer.wrap(note.certificates().get(i).encoded()));
        }
        for (int i = 0; i < transfers; i++) {
            Certificate cert = note.certificates().get(i);
            Certificate ss = cert.issuerCertificate().orElseThrow();
            ssKeys[i] = ss.publicKey();
            subjectKeys[i] = cert.publicKey();
            ssKeyBytes[i] = ss.publicKey().getEncoded();
            subjectKeyBytes[i] = cert.publicKey().getEncoded();
            ssPayloads[i] = ss.signedPayload();
            ssSignatures[i] = ss.signature();
            certPayloads[i] = cert.signedPayload();
            certSignatures[i] = cert.signature();
            recordPayloads[i] = note.signedPayloadOf(i);
            recordSignatures[i] = note.records().get(i).signature();
        }
        bodyPayload = note.body().encoded();
        bodySignature = note.bodySignature();
        if (!verifyWithKeys() || !verifyDecodingKeys()) {
            throw new IllegalStateException("the note's signatures must verify");
        }
    }

    int p521Verifies() {
        return count(firstSs);
    }

    int p256Verifies() {
        return count(firstCert) + transfers + 1;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            n += flag ? 1 : 0;
        }
        return n;
    }

    /** Every verify of the note with its own key objects; true if all pass. */
    boolean verifyWithKeys() {
        return verify(ssKeys, subjectKeys);
    }

    /** The same after decoding every certificate's two keys (SS key and subject key) from their bytes. */
    boolean verifyDecodingKeys() {
        PublicKey[] ss = new PublicKey[transfers];
        PublicKey[] subject = new PublicKey[transfers];
        for (int i = 0; i < transfers; i++) {
            ss[i] = Crypto.decodePublicKey(ssKeyBytes[i]);
            subject[i] = Crypto.decodePublicKey(subjectKeyBytes[i]);
        }
        return verify(ss, subject);
    }

    private boolean verify(PublicKey[] ss, PublicKey[] subject) {
        boolean ok = true;
        for (int i = 0; i < transfers; i++) {
            if (firstSs[i]) {
                ok &= Crypto.verify(pssKey, ssPayloads[i], ssSignatures[i]);
            }
            if (firstCert[i]) {
                ok &= Crypto.verify(ss[i], certPayloads[i], certSignatures[i]);
            }
        }
        ok &= Crypto.verify(subject[0], bodyPayload, bodySignature);
        for (int i = 0; i < transfers; i++) {
            ok &= Crypto.verify(subject[i], recordPayloads[i], recordSignatures[i]);
        }
        return ok;
    }

    /** The signing a transferor does for one transfer: its record's payload, signed once. */
    static byte[] signLastRecord(Note note, PrivateKey key) {
        return Crypto.sign(key, note.signedPayloadOf(note.records().size() - 1));
    }

    /** The signature work of several received notes. */
    static List<SignatureWork> of(List<Note> notes, PublicKey pssKey) {
        List<SignatureWork> work = new ArrayList<>();
        notes.forEach(note -> work.add(new SignatureWork(note, pssKey)));
        return work;
    }
}
