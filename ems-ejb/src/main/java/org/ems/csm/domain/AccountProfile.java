package org.ems.csm.domain;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The account profile of a CSM-based EMS, one per bank a money module is linked to:
 * <pre>
 * expire date || M(id) || B(id) || LA || sigma_csm(X) || Cert(CSM)
 * </pre>
 * X, the part the CSM signs, is {@code ACCOUNT_PROFILE | version | expires at | M(id) | B(id) |
 * count | (account number text | type code)* | issued at}. The accounts are sorted by their
 * number's text and none appears twice, so X has one encoding. Issued-at is an addition: it
 * orders two profiles of one bank, so that a newer one replaces an older one and never the
 * reverse. Whole form: {@code SIGNED_ACCOUNT_PROFILE | X | signature | Cert(CSM)}.
 *
 * <p>Every instance is parsed from its X bytes, whether signed here or decoded, so fields and
 * bytes never disagree. Decoding checks structure only; trust comes from {@link ProfileChecks}.
 * Immutable; equal when the encodings are equal.
 */
public final class AccountProfile {

    static final int FORMAT_VERSION = 1;
    /** Accounts in one profile: bounds its size and the teller's work. */
    public static final int MAX_ACCOUNTS = 32;
    private static final int MAX_PAYLOAD_BYTES = 256 + MAX_ACCOUNTS * (AccountNumber.MAX_TEXT_LENGTH + 12);
    /** Bound of the whole encoded form. */
    public static final int MAX_ENCODED_BYTES = MAX_PAYLOAD_BYTES + SignedEnvelope.MAX_SIGNATURE_BYTES
            + Certificate.MAX_ENCODED_BYTES + 64;

    private final Instant expiresAt;
    private final ModuleId moduleId;
    private final BankId bankId;
    private final List<LinkedAccount> accounts;
    private final Instant issuedAt;
    private final byte[] payload;
    private final byte[] signature;
    private final Certificate csmCertificate;
    private final byte[] encoded;

    private AccountProfile(byte[] payload, byte[] signature, Certificate csmCertificate) {
        CanonicalReader reader = new CanonicalReader(payload, Purpose.ACCOUNT_PROFILE);
        if (reader.getInt() != FORMAT_VERSION) {
            throw new MalformedEncodingException("unknown account profile format version");
        }
        this.expiresAt = reader.getInstant();
        this.moduleId = new ModuleId(reader.getLong());
        this.bankId = new BankId(reader.getString(16));
        int count = reader.getInt();
        if (count < 1 || count > MAX_ACCOUNTS) {
            throw new MalformedEncodingException(count + " accounts, 1.." + MAX_ACCOUNTS + " allowed");
        }
        List<LinkedAccount> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            AccountNumber number = AccountNumber.parse(reader.getString(AccountNumber.MAX_TEXT_LENGTH));
            read.add(new LinkedAccount(number, AccountType.ofCode(reader.getInt())));
        }
        this.accounts = List.copyOf(read);
        this.issuedAt = reader.getInstant();
        reader.end();
        this.payload = payload.clone();
        this.signature = signature.clone();
        this.csmCertificate = Objects.requireNonNull(csmCertificate, "csmCertificate");
        checkStructure();
        this.encoded = new CanonicalWriter(Purpose.SIGNED_ACCOUNT_PROFILE)
                .putBytes(this.payload)
                .putBytes(this.signature)
                .putBytes(csmCertificate.encoded())
                .toBytes();
    }

    /**
     * Create Account Profile and Public Key of the CSM (figure 18, steps 1952-1956; figure 19,
     * steps 2004-2006): builds X from the accounts and signs it with the CSM's key.
     */
    public static AccountProfile sign(Certificate csmCertificate, PrivateKey csmKey, ModuleId module, BankId bank,
            Collection<LinkedAccount> accounts, Instant issuedAt, Instant expiresAt) {
        byte[] payload = payload(module, bank, accounts, issuedAt, expiresAt);
        return assemble(payload, Crypto.sign(csmKey, payload), csmCertificate);
    }

    static byte[] payload(ModuleId module, BankId bank, Collection<LinkedAccount> accounts, Instant issuedAt, Instant expiresAt) {
        List<LinkedAccount> sorted = new ArrayList<>(accounts);
        sorted.sort(Comparator.comparing(account -> account.number().toString()));
        CanonicalWriter writer = new CanonicalWriter(Purpose.ACCOUNT_PROFILE)
                .putInt(FORMAT_VERSION)
                .putInstant(expiresAt)
                .putLong(module.value())
                .putString(bank.code())
                .putInt(sorted.size());
        for (LinkedAccount account : sorted) {
            writer.putString(account.number().toString()).putInt(account.type().code());
        }
        return writer.putInstant(issuedAt).toBytes();
    }

    /** Builds a profile from its parts; structural problems: {@link ProfileRejectedException} MALFORMED. */
    static AccountProfile assemble(byte[] payload, byte[] signature, Certificate csmCertificate) {
        try {
            return new AccountProfile(payload, signature, csmCertificate);
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            throw new ProfileRejectedException(ProfileRejection.MALFORMED, e.getMessage(), e);
        }
    }

    /** Decodes {@link #encoded()}; any other bytes: {@link ProfileRejectedException} MALFORMED. */
    public static AccountProfile decode(byte[] encoded) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new ProfileRejectedException(ProfileRejection.MALFORMED, encoded.length + " bytes");
        }
        try {
            CanonicalReader reader = new CanonicalReader(encoded, Purpose.SIGNED_ACCOUNT_PROFILE);
            byte[] payload = reader.getBytes(MAX_PAYLOAD_BYTES);
            byte[] signature = reader.getBytes(SignedEnvelope.MAX_SIGNATURE_BYTES);
            Certificate cert = Certificate.decode(reader.getBytes(Certificate.MAX_ENCODED_BYTES));
            reader.end();
            return assemble(payload, signature, cert);
        } catch (MalformedEncodingException | CertificateRejectedException e) {
            throw new ProfileRejectedException(ProfileRejection.MALFORMED, e.getMessage(), e);
        }
    }

    private void checkStructure() {
        if (!issuedAt.isBefore(expiresAt)) {
            throw new MalformedEncodingException("expires before it is issued");
        }
        if (csmCertificate.subjectRole() != ModuleRole.CUSTOMER_SERVICE) {
            throw new MalformedEncodingException("signed under a " + csmCertificate.subjectRole() + " certificate, not a CSM's");
        }
        if (signature.length == 0 || signature.length > SignedEnvelope.MAX_SIGNATURE_BYTES) {
            throw new MalformedEncodingException("signature of " + signature.length + " bytes");
        }
        Set<AccountNumber> seen = new HashSet<>();
        String previous = "";
        for (LinkedAccount account : accounts) {
            if (!account.number().isAt(bankId)) {
                throw new MalformedEncodingException("account " + account.number() + " is not at bank " + bankId);
            }
            if (!seen.add(account.number())) {
                throw new MalformedEncodingException("account " + account.number() + " listed twice");
            }
            String text = account.number().toString();
            if (text.compareTo(previous) < 0) {
                throw new MalformedEncodingException("accounts not in canonical order");
            }
            previous = text;
        }
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    /** M(id): the money module the profile links. */
    public ModuleId moduleId() {
        return moduleId;
    }

    /** B(id): the bank whose accounts are listed. */
    public BankId bankId() {
        return bankId;
    }

    /** LA, sorted by account number. */
    public List<LinkedAccount> accounts() {
        return accounts;
    }

    public Optional<LinkedAccount> account(AccountNumber number) {
        return accounts.stream().filter(account -> account.number().equals(number)).findFirst();
    }

    public Certificate csmCertificate() {
        return csmCertificate;
    }

    /** X, the bytes sigma_csm covers. */
    public byte[] signedPayload() {
        return payload.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** Whether sigma_csm verifies with the key of the attached Cert(CSM); whether that certificate is valid is {@link ProfileChecks}' question. */
    public boolean isSignedByItsCsm() {
        return Crypto.verify(csmCertificate.publicKey(), payload, signature);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountProfile that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "AccountProfile[" + moduleId + " at " + bankId + ", " + accounts.size() + " accounts, " + issuedAt + ".." + expiresAt + "]";
    }
}
