package org.ems.csm.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ems.csm.domain.ClaimId;
import org.ems.csm.domain.ClaimMarks;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;

/**
 * A claimed failed-commit record of a module's log (figure 22, step 2094), kept beside the
 * append-only log: module, the record's conversation, the claim id and time. The primary key
 * {@code moduleId:conversation} makes a record claimable once.
 */
@Entity
@Table(name = "CSM_CLAIM_MARK")
public class ClaimMarkRecord {

    @Id
    @Column(length = 60)
    private String id;

    @Column(nullable = false)
    private long moduleId;

    @Column(nullable = false, length = 40)
    private String conversation;

    @Column(nullable = false, length = 40)
    private String claimId;

    @Column(nullable = false)
    private Instant claimedAt;

    protected ClaimMarkRecord() {
        // for JPA
    }

    public ClaimMarkRecord(ModuleId module, ClaimMarks.Mark mark) {
        this.id = module.value() + ":" + mark.record();
        this.moduleId = module.value();
        this.conversation = mark.record().toString();
        this.claimId = mark.claim().toString();
        this.claimedAt = mark.claimedAt();
    }

    public ClaimMarks.Mark mark() {
        return new ClaimMarks.Mark(ConversationId.parse(conversation), ClaimId.parse(claimId), claimedAt);
    }
}
