package org.ems.money.teller;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A bank request a teller operation sent, by correlation id: the reply finds its operation here. */
@Entity
@Table(name = "TELLER_BANK_REQUEST")
public class TellerBankRequest {

    public enum Purpose { POST, REVERSE, CREDIT }

    @Id
    @Column(length = 36)
    private String correlationId;

    @Column(nullable = false, length = 36)
    private String operationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Purpose purpose;

    protected TellerBankRequest() {
        // for JPA
    }

    public TellerBankRequest(UUID correlationId, String operationId, Purpose purpose) {
        this.correlationId = correlationId.toString();
        this.operationId = operationId;
        this.purpose = purpose;
    }

    public String operationId() {
        return operationId;
    }

    public Purpose purpose() {
        return purpose;
    }
}
