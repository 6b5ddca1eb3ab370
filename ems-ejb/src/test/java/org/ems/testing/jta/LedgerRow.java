package org.ems.testing.jta;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Test-only entity for the harness's own tests: one ledger row, an id chosen by the test and an
 * amount in minor units. Immutable once persisted.
 */
@Entity
@Table(name = "HARNESS_LEDGER_ROW")
public class LedgerRow {

    @Id
    private Long id;

    @Column(name = "AMOUNT_MINOR", nullable = false)
    private long amountMinor;

    protected LedgerRow() {
        // for JPA
    }

    public LedgerRow(long id, long amountMinor) {
        this.id = id;
        this.amountMinor = amountMinor;
    }

    public Long id() {
        return id;
    }

    public long amountMinor() {
        return amountMinor;
    }
}
