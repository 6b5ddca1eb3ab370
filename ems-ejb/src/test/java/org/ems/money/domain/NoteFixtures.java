package org.ems.money.domain;

import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateIssuer;
import org.ems.security.domain.CertificateValidator;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.ems.security.domain.NumberingScheme;
import org.ems.security.domain.PssKeyList;

/**
 * A security hierarchy and the modules of a note's life, built once: a money generator, a
 * teller, three transaction modules A, B, C, and a rogue transaction module R (valid
 * certificate, used for bad-listing). Notes are issued at {@link #ISSUED_AT} and expire a year
 * after; verification happens at {@link #NOW}.
 */
public final class NoteFixtures {

    public static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    public static final Instant CERT_ISSUED = NOW.minus(Duration.ofDays(30));
    public static final Instant CERT_EXPIRES = NOW.plus(Duration.ofDays(365));
    public static final Instant ISSUED_AT = NOW.minus(Duration.ofDays(10));
    public static final Instant EXPIRES_AT = NOW.plus(Duration.ofDays(100));
    public static final CurrencyCode USD = CurrencyCode.of("USD");

    public static final SecureRandom RANDOM = seeded(20261130);
    public static final NumberingScheme SCHEME = NumberingScheme.generate(RANDOM);
    public static final ModuleId PSS_ID = SCHEME.idFor(ModuleRole.PRIMARY_SECURITY_SERVER, 2);
    public static final KeyPair PSS_KEYS = Crypto.generateKeyPair(KeyLength.P521, RANDOM);
    public static final PssKeyList PSS_KEY_LIST = PssKeyList.sign(1, Map.of(PSS_ID, PSS_KEYS.getPublic()), PSS_ID, NOW,
            PSS_KEYS.getPrivate());
    public static final BadIdList NO_BAD_IDS = BadIdList.sign(1, Set.of(), NOW, PSS_ID, PSS_KEYS.getPrivate());
    public static final ModuleId SS_ID = SCHEME.idFor(ModuleRole.SECURITY_SERVER, 100_000);
    public static final KeyPair SS_KEYS = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
    public static final Certificate SS_CERT = CertificateIssuer.certifySecurityServer(PSS_ID, PSS_KEYS.getPrivate(), SS_ID,
            SS_KEYS.getPublic(), CERT_ISSUED, CERT_EXPIRES, SCHEME);

    public static final Party GENERATOR = party(ModuleRole.MONEY_GENERATOR, 7_000_000);
    public static final Party TELLER = party(ModuleRole.TELLER, 1_000_000);
    public static final Party A = party(ModuleRole.TRANSACTION, 12_000_000);
    public static final Party B = party(ModuleRole.TRANSACTION, 12_000_001);
    public static final Party C = party(ModuleRole.TRANSACTION, 12_000_002);
    public static final Party ROGUE = party(ModuleRole.TRANSACTION, 12_000_003);

    /** A module with its certificate and key pair. */
    public record Party(ModuleId id, Certificate cert, KeyPair keys) {
    }

    private NoteFixtures() {
    }

    public static Party party(ModuleRole role, long residue) {
        return party(role, residue, CERT_ISSUED, CERT_EXPIRES);
    }

    public static Party party(ModuleRole role, long residue, Instant certIssued, Instant certExpires) {
        ModuleId id = SCHEME.idFor(role, residue);
        KeyPair keys = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        Certificate cert = CertificateIssuer.certifyModule(SS_CERT, SS_KEYS.getPrivate(), id, role, keys.getPublic(),
                certIssued, certExpires, SCHEME);
        return new Party(id, cert, keys);
    }

    /** Appends a record with any fields, signed by {@code signer}, bypassing every check of {@link Note#transfer}. */
    public static Note appendForged(Note note, Party signer, ModuleId from, ModuleId to, Money amount, Instant at, long sequence) {
        byte[] payload = TransferRecord.signedPayload(note.bodyDigest(), note.chainDigest(note.records().size()), from, to,
                amount, at, sequence);
        TransferRecord record = new TransferRecord(from, to, amount, at, sequence, Crypto.sign(signer.keys().getPrivate(), payload));
        List<TransferRecord> records = new ArrayList<>(note.records());
        records.add(record);
        List<Certificate> certs = new ArrayList<>(note.certificates());
        certs.add(signer.cert());
        return new Note(note.body(), note.bodySignature(), records, certs);
    }

    /** The note with record {@code index} replaced (its signature kept). */
    public static Note withRecord(Note note, int index, TransferRecord record) {
        List<TransferRecord> records = new ArrayList<>(note.records());
        records.set(index, record);
        return new Note(note.body(), note.bodySignature(), records, note.certificates());
    }

    /** The note with certificate {@code index} replaced. */
    public static Note withCertificate(Note note, int index, Certificate cert) {
        List<Certificate> certs = new ArrayList<>(note.certificates());
        certs.set(index, cert);
        return new Note(note.body(), note.bodySignature(), note.records(), certs);
    }

    public static CertificateValidator validator(BadIdList badIds) {
        return new CertificateValidator(SCHEME, PSS_KEY_LIST, badIds, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public static NoteVerifier verifier() {
        return new NoteVerifier(validator(NO_BAD_IDS), NO_BAD_IDS);
    }

    public static NoteVerifier verifierBadListing(ModuleId... ids) {
        BadIdList badIds = BadIdList.sign(2, Set.of(ids), NOW, PSS_ID, PSS_KEYS.getPrivate());
        return new NoteVerifier(validator(badIds), badIds);
    }

    public static Money usd(long cents) {
        return Money.of(USD, cents);
    }

    public static NoteBody body(long cents, Instant expiresAt) {
        return new NoteBody(NoteId.random(RANDOM), GENERATOR.id(), "BANK-1", ISSUED_AT, expiresAt, usd(cents), NoteType.CURRENCY);
    }

    /** A note issued to the teller and withdrawn whole by A: generator -> teller -> A. */
    public static Note withdrawnBy(Party holder, long cents) {
        return withdrawnBy(holder, cents, EXPIRES_AT);
    }

    public static Note withdrawnBy(Party holder, long cents, Instant expiresAt) {
        Note issued = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), body(cents, expiresAt), TELLER.id());
        return issued.transfer(TELLER.cert(), TELLER.keys().getPrivate(), holder.id(), usd(cents), ISSUED_AT.plusSeconds(60), 1);
    }

    /** The holder's transfer of {@code cents} of {@code note} to {@code to}. */
    public static Note pay(Note note, Party from, Party to, long cents, long sequence) {
        Instant at = note.lastRecord().at().plusSeconds(60);
        return note.transfer(from.cert(), from.keys().getPrivate(), to.id(), usd(cents), at, sequence);
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
