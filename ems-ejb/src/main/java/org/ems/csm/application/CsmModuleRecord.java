package org.ems.csm.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.ems.security.domain.ModuleId;

/**
 * A customer service module hosted here (figure 4A). Its certificate and sealed private key are
 * the {@code HostedModule}'s, opened like every other module's; this row adds what only a CSM has:
 * how long the profiles it signs are valid.
 */
@Entity
@Table(name = "CSM_MODULE")
public class CsmModuleRecord {

    @Id
    private long csmId;

    @Column(nullable = false)
    private long profileValiditySeconds;

    @Column(nullable = false)
    private Instant openedAt;

    protected CsmModuleRecord() {
        // for JPA
    }

    public CsmModuleRecord(ModuleId csm, Duration profileValidity, Instant openedAt) {
        this.csmId = csm.value();
        this.profileValiditySeconds = profileValidity.toSeconds();
        this.openedAt = openedAt;
    }

    public ModuleId csm() {
        return new ModuleId(csmId);
    }

    public Duration profileValidity() {
        return Duration.ofSeconds(profileValiditySeconds);
    }

    public Instant openedAt() {
        return openedAt;
    }
}
