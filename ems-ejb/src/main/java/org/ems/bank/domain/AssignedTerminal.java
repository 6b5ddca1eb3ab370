package org.ems.bank.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A bank-POS terminal id this bank assigned to a merchant (JP H9-147043), with the account its
 * sales pay into. A sale names a terminal; the bank approves it only for a terminal it assigned,
 * and only into that terminal's account. Immutable once assigned.
 */
@Entity
@Table(name = "BANK_ASSIGNED_TERMINAL")
public class AssignedTerminal {

    public static final int MAX_ID_LENGTH = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_LENGTH + "}");

    @Id
    @Column(length = MAX_ID_LENGTH)
    private String terminalId;

    @Column(nullable = false, length = AccountNumber.MAX_TEXT_LENGTH)
    private String payeeAccount;

    @Column(nullable = false)
    private Instant assignedAt;

    protected AssignedTerminal() {
        // for JPA
    }

    public AssignedTerminal(String terminalId, AccountNumber payeeAccount, Instant assignedAt) {
        this.terminalId = requireId(terminalId);
        this.payeeAccount = payeeAccount.toString();
        this.assignedAt = assignedAt;
    }

    public static String requireId(String terminalId) {
        if (terminalId == null || !ID.matcher(terminalId).matches()) {
            throw new IllegalArgumentException("terminal id must be 1-" + MAX_ID_LENGTH + " of A-Z, a-z, 0-9, _ or -");
        }
        return terminalId;
    }

    public static boolean isWellFormedId(String terminalId) {
        return terminalId != null && ID.matcher(terminalId).matches();
    }

    public String terminalId() {
        return terminalId;
    }

    public AccountNumber payeeAccount() {
        return AccountNumber.parse(payeeAccount);
    }

    public Instant assignedAt() {
        return assignedAt;
    }
}
