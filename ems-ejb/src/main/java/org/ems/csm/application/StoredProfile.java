package org.ems.csm.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.ems.bank.domain.BankId;
import org.ems.csm.domain.AccountProfile;
import org.ems.security.domain.ModuleId;

/**
 * One account profile a money module holds (figure 18, steps 1970-1974): one row per module and
 * bank, the signed profile's bytes beside the fields the portal searches by. A newer profile
 * replaces the row's bytes ({@code AccountProfiles.store} decides whether it is newer); the
 * {@code @Version} column makes two concurrent links of one bank serialise.
 */
@Entity
@Table(name = "CSM_ACCOUNT_PROFILE")
public class StoredProfile {

    /** {@code moduleId:bankCode}. */
    @Id
    @Column(length = 40)
    private String id;

    @Column(nullable = false)
    private long moduleId;

    @Column(nullable = false, length = 8)
    private String bankCode;

    /** The subscriber the CSR linked the accounts for (as the bank knows the account holder). */
    @Column(nullable = false, length = 128)
    private String subscriber;

    @Column(nullable = false)
    private Instant issuedAt;

    @Column(nullable = false)
    private Instant expiresAt;

    @Lob
    @Column(nullable = false)
    private byte[] profile;

    @Version
    private long version;

    protected StoredProfile() {
        // for JPA
    }

    public StoredProfile(AccountProfile profile, String subscriber) {
        this.id = idOf(profile.moduleId(), profile.bankId());
        this.moduleId = profile.moduleId().value();
        this.bankCode = profile.bankId().code();
        replace(profile, subscriber);
    }

    static String idOf(ModuleId module, BankId bank) {
        return module.value() + ":" + bank.code();
    }

    /** Stores a newer profile of the same module and bank (the caller has checked it is newer). */
    public void replace(AccountProfile newer, String newSubscriber) {
        if (newer.moduleId().value() != moduleId || !newer.bankId().code().equals(bankCode)) {
            throw new IllegalArgumentException("profile of " + newer.moduleId() + " at " + newer.bankId() + " in row " + id);
        }
        this.subscriber = newSubscriber;
        this.issuedAt = newer.issuedAt();
        this.expiresAt = newer.expiresAt();
        this.profile = newer.encoded();
    }

    public ModuleId module() {
        return new ModuleId(moduleId);
    }

    public BankId bank() {
        return new BankId(bankCode);
    }

    public String subscriber() {
        return subscriber;
    }

    public AccountProfile profile() {
        return AccountProfile.decode(profile);
    }
}
