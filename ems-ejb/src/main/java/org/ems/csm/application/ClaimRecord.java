package org.ems.csm.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import org.ems.crypto.SignedEnvelope;
import org.ems.csm.domain.ClaimId;
import org.ems.csm.domain.ClaimKind;
import org.ems.csm.domain.ClaimState;
import org.ems.csm.domain.MiisClaim;
import org.ems.security.domain.ModuleId;

/**
 * A lost-note claim as the MIIS keeps it (figure 22, steps 2098-2102 and 2124-2128): the CSM's
 * signed filing (claim id, kind, subscriber, module, CSM, items, totals) and where the claim
 * stands. The searchable fields are copies of the filing's; the claim is always rebuilt from the
 * filing so they cannot disagree with what the CSM signed. {@code @Version}: two investigators
 * moving one claim serialise, the later one fails.
 */
@Entity
@Table(name = "MIIS_CLAIM")
public class ClaimRecord {

    @Id
    @Column(length = 32)
    private String claimId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ClaimKind kind;

    @Column(nullable = false, length = MiisClaim.MAX_SUBSCRIBER_CHARS)
    private String subscriber;

    @Column(nullable = false)
    private long moduleId;

    @Column(nullable = false)
    private long csmId;

    @Column(nullable = false)
    private Instant filedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private ClaimState state;

    @Column(nullable = false)
    private Instant stateSince;

    @Column(length = MiisClaim.MAX_REMARK_CHARS)
    private String remark;

    @Lob
    @Column(nullable = false)
    private byte[] filingPayload;

    @Column(nullable = false, length = SignedEnvelope.MAX_SIGNATURE_BYTES)
    private byte[] filingSignature;

    @Version
    private long version;

    protected ClaimRecord() {
        // for JPA
    }

    public ClaimRecord(MiisClaim claim, SignedEnvelope filing) {
        MiisClaim read = MiisClaim.fromFiling(filing.payload());
        if (!read.id().equals(claim.id())) {
            throw new IllegalArgumentException("filing of claim " + read.id() + " stored as " + claim.id());
        }
        this.claimId = claim.id().toString();
        this.kind = claim.kind();
        this.subscriber = claim.subscriber();
        this.moduleId = claim.module().value();
        this.csmId = claim.csm().value();
        this.filedAt = claim.filedAt();
        this.filingPayload = filing.payload();
        this.filingSignature = filing.signature();
        update(claim);
    }

    /** The claim in its current state, rebuilt from the signed filing. */
    public MiisClaim claim() {
        MiisClaim filed = MiisClaim.fromFiling(filingPayload);
        return new MiisClaim(filed.id(), filed.kind(), filed.subscriber(), filed.module(), filed.csm(), filed.filedAt(), filed.items(),
                filed.totals(), state, stateSince, Optional.ofNullable(remark));
    }

    /** Stores the claim's new state (the domain decided the transition). */
    public void update(MiisClaim moved) {
        if (!moved.id().toString().equals(claimId)) {
            throw new IllegalArgumentException("claim " + moved.id() + " is not " + claimId);
        }
        this.state = moved.state();
        this.stateSince = moved.stateSince();
        this.remark = moved.remark().orElse(null);
    }

    public ClaimId id() {
        return ClaimId.parse(claimId);
    }

    public ModuleId module() {
        return new ModuleId(moduleId);
    }

    public SignedEnvelope filing() {
        return new SignedEnvelope(filingPayload, filingSignature);
    }
}
