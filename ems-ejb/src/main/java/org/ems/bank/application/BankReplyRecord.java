package org.ems.bank.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ems.bank.domain.BankReply;

/** A bank's reply as received, by correlation id: its canonical encoding and when it came. */
@Entity
@Table(name = "BANK_REPLY_RECORD")
public class BankReplyRecord {

    @Id
    @Column(length = 36)
    private String correlationId;

    @Column(nullable = false, length = 1024)
    private byte[] encoded;

    @Column(nullable = false)
    private Instant receivedAt;

    protected BankReplyRecord() {
        // for JPA
    }

    BankReplyRecord(BankReply reply, Instant receivedAt) {
        this.correlationId = reply.correlationId().toString();
        this.encoded = reply.encode();
        this.receivedAt = receivedAt;
    }

    public BankReply reply() {
        return BankReply.decode(encoded);
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
