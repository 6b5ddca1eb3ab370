package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.AssignedTerminal;
import org.ems.bank.domain.BankId;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * A terminal the provider host knows: its kind, the callback key provisioned at registration
 * (sealed at rest twice: the host's copy and the terminal's own, under different owners), and for a
 * merchant terminal the merchant's account that its bank-POS id pays into.
 *
 * <p>Bank-POS terminal ids: a merchant terminal's id is the one the merchant's bank assigned. A
 * provider terminal holds one id at every bank where the provider has an account,
 * {@code <terminal id>-<bank code>} (so its own id is at most {@link #MAX_PROVIDER_ID_LENGTH}),
 * each assigned by that bank to the provider's account there. Immutable once registered.
 */
@Entity
@Table(name = "PROVIDER_TERMINAL")
public class Terminal {

    /** 32 minus "-" and an 8-character bank code. */
    public static final int MAX_PROVIDER_ID_LENGTH = AssignedTerminal.MAX_ID_LENGTH - 9;

    @Id
    @Column(length = AssignedTerminal.MAX_ID_LENGTH)
    private String terminalId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TerminalKind kind;

    @Column(length = AccountNumber.MAX_TEXT_LENGTH)
    private String merchantAccount;

    @Lob
    @Column(nullable = false)
    private byte[] hostKeySealed;

    @Lob
    @Column(nullable = false)
    private byte[] terminalKeySealed;

    /** A merchant terminal's money module (TRANSACTION): its certificate, its private key sealed at rest. */
    @Lob
    private byte[] moduleCertificate;

    @Lob
    private byte[] moduleKeySealed;

    @Column(nullable = false)
    private Instant registeredAt;

    protected Terminal() {
        // for JPA
    }

    private Terminal(String terminalId, TerminalKind kind, AccountNumber merchantAccount, byte[] hostKeySealed,
                     byte[] terminalKeySealed, Instant registeredAt) {
        this.terminalId = AssignedTerminal.requireId(terminalId);
        this.kind = kind;
        this.merchantAccount = merchantAccount == null ? null : merchantAccount.toString();
        this.hostKeySealed = hostKeySealed.clone();
        this.terminalKeySealed = terminalKeySealed.clone();
        this.registeredAt = registeredAt;
    }

    public static Terminal provider(String terminalId, byte[] hostKeySealed, byte[] terminalKeySealed, Instant now) {
        if (terminalId == null || terminalId.length() > MAX_PROVIDER_ID_LENGTH) {
            throw new IllegalArgumentException("a provider terminal id is at most " + MAX_PROVIDER_ID_LENGTH + " characters");
        }
        return new Terminal(terminalId, TerminalKind.PROVIDER, null, hostKeySealed, terminalKeySealed, now);
    }

    /**
     * {@code terminalId} is the id the merchant's bank assigned to {@code merchantAccount};
     * {@code module} certifies the terminal's TRANSACTION money module (the payee of every sale),
     * whose private key comes sealed.
     */
    public static Terminal merchant(String terminalId, AccountNumber merchantAccount, byte[] hostKeySealed,
                                    byte[] terminalKeySealed, Certificate module, byte[] moduleKeySealed, Instant now) {
        if (merchantAccount == null) {
            throw new IllegalArgumentException("a merchant terminal pays into the merchant's account");
        }
        if (module.subjectRole() != ModuleRole.TRANSACTION) {
            throw new IllegalArgumentException("a merchant terminal's module is a transaction module, not a " + module.subjectRole());
        }
        Terminal terminal = new Terminal(terminalId, TerminalKind.MERCHANT, merchantAccount, hostKeySealed, terminalKeySealed, now);
        terminal.moduleCertificate = module.encoded();
        terminal.moduleKeySealed = moduleKeySealed.clone();
        return terminal;
    }

    /** The bank-POS terminal id of a provider terminal at {@code bank}. */
    public static String providerPosId(String terminalId, BankId bank) {
        return terminalId + "-" + bank.code();
    }

    public void requireKind(TerminalKind expected) {
        ProviderRefusedException.refuseUnless(kind == expected, ProviderRefusal.WRONG_TERMINAL_KIND,
                "terminal " + terminalId + " is a " + kind + " terminal");
    }

    /** The bank-POS id this terminal uses at {@code bank}. */
    public String posIdAt(BankId bank) {
        if (kind == TerminalKind.PROVIDER) {
            return providerPosId(terminalId, bank);
        }
        ProviderRefusedException.refuseUnless(merchantAccount().isAt(bank), ProviderRefusal.UNKNOWN_TERMINAL,
                "merchant terminal " + terminalId + " is not at bank " + bank);
        return terminalId;
    }

    public String terminalId() {
        return terminalId;
    }

    public TerminalKind kind() {
        return kind;
    }

    public AccountNumber merchantAccount() {
        if (merchantAccount == null) {
            throw new ProviderRefusedException(ProviderRefusal.WRONG_TERMINAL_KIND, "terminal " + terminalId + " is no merchant's");
        }
        return AccountNumber.parse(merchantAccount);
    }

    /** A merchant terminal's money module. */
    public Certificate moduleCertificate() {
        if (moduleCertificate == null) {
            throw new ProviderRefusedException(ProviderRefusal.WRONG_TERMINAL_KIND, "terminal " + terminalId + " holds no money module");
        }
        return Certificate.decode(moduleCertificate);
    }

    public ModuleId moduleId() {
        return moduleCertificate().subjectId();
    }

    public byte[] moduleKeySealed() {
        return moduleKeySealed == null ? null : moduleKeySealed.clone();
    }

    public byte[] hostKeySealed() {
        return hostKeySealed.clone();
    }

    public byte[] terminalKeySealed() {
        return terminalKeySealed.clone();
    }
}
