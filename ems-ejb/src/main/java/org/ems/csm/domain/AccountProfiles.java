package org.ems.csm.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.ems.bank.domain.BankId;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.security.domain.ModuleId;

/**
 * A money module's account profiles, as To Teller keeps them: one per bank (figure 18, steps
 * 1970-1974: "if an account profile for the bank already exists ... it is replaced ... otherwise
 * ... adds the new account profile"). A newer profile replaces the older one; an older or equally
 * old one is refused (STALE), so a replayed profile cannot roll a link back. Immutable: every
 * change returns a new set. Encoded at rest as {@code ACCOUNT_PROFILES | M(id) | count | profile*}.
 */
public final class AccountProfiles {

    /** Banks one module is linked to. */
    public static final int MAX_BANKS = 16;

    private final ModuleId owner;
    private final TreeMap<String, AccountProfile> byBank;

    private AccountProfiles(ModuleId owner, TreeMap<String, AccountProfile> byBank) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.byBank = byBank;
    }

    public static AccountProfiles empty(ModuleId owner) {
        return new AccountProfiles(owner, new TreeMap<>());
    }

    /**
     * The set with {@code profile} stored for its bank. A profile of another module (WRONG_MODULE)
     * or not newer than the one held for its bank (STALE) is refused. Trust is the caller's
     * business: store only what {@link ProfileChecks} accepted.
     */
    public AccountProfiles store(AccountProfile profile) {
        ProfileChecks.checkModule(profile, owner);
        AccountProfile held = byBank.get(profile.bankId().code());
        if (held != null && !profile.issuedAt().isAfter(held.issuedAt())) {
            throw new ProfileRejectedException(ProfileRejection.STALE, "issued " + profile.issuedAt() + ", the stored one "
                    + held.issuedAt());
        }
        if (held == null && byBank.size() >= MAX_BANKS) {
            throw new IllegalStateException("linked to " + MAX_BANKS + " banks already");
        }
        TreeMap<String, AccountProfile> next = new TreeMap<>(byBank);
        next.put(profile.bankId().code(), profile);
        return new AccountProfiles(owner, next);
    }

    public Optional<AccountProfile> forBank(BankId bank) {
        return Optional.ofNullable(byBank.get(bank.code()));
    }

    public ModuleId owner() {
        return owner;
    }

    /** The profiles, by bank code. */
    public List<AccountProfile> all() {
        return Collections.unmodifiableList(new ArrayList<>(byBank.values()));
    }

    public int size() {
        return byBank.size();
    }

    public byte[] encoded() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.ACCOUNT_PROFILES).putLong(owner.value()).putInt(byBank.size());
        byBank.values().forEach(profile -> writer.putBytes(profile.encoded()));
        return writer.toBytes();
    }

    /** Decodes {@link #encoded()}; structural problems are {@link ProfileRejectedException} MALFORMED. */
    public static AccountProfiles decode(byte[] encoded) {
        try {
            CanonicalReader reader = new CanonicalReader(encoded, Purpose.ACCOUNT_PROFILES);
            AccountProfiles profiles = empty(new ModuleId(reader.getLong()));
            int count = reader.getInt();
            if (count < 0 || count > MAX_BANKS) {
                throw new MalformedEncodingException(count + " profiles");
            }
            for (int i = 0; i < count; i++) {
                profiles = profiles.store(AccountProfile.decode(reader.getBytes(AccountProfile.MAX_ENCODED_BYTES)));
            }
            reader.end();
            return profiles;
        } catch (MalformedEncodingException | IllegalArgumentException e) {
            throw new ProfileRejectedException(ProfileRejection.MALFORMED, e.getMessage(), e);
        } catch (ProfileRejectedException e) {
            if (e.reason() == ProfileRejection.MALFORMED) {
                throw e;
            }
            throw new ProfileRejectedException(ProfileRejection.MALFORMED, "a stored set never holds this: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountProfiles that && that.owner.equals(owner) && that.byBank.equals(byBank);
    }

    @Override
    public int hashCode() {
        return 31 * owner.hashCode() + byBank.hashCode();
    }
}
