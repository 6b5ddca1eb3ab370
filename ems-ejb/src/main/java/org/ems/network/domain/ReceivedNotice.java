package org.ems.network.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A notice that a hosted module received in a session (purpose SESSION_NOTICE), kept for its
 * host application to read. Append-only.
 */
@Entity
@Table(name = "NET_RECEIVED_NOTICE")
public class ReceivedNotice {

    /** Longest notice text kept. */
    public static final int MAX_TEXT = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private long module;

    @Column(nullable = false, length = 32)
    private String conversationId;

    @Column(nullable = false, length = MAX_TEXT)
    private String text;

    @Column(nullable = false)
    private Instant receivedAt;

    protected ReceivedNotice() {
        // for JPA
    }

    public ReceivedNotice(ModuleAddress module, ConversationId conversation, String text, Instant receivedAt) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a notice is at most " + MAX_TEXT + " characters");
        }
        this.module = module.id().value();
        this.conversationId = conversation.toString();
        this.text = text;
        this.receivedAt = receivedAt;
    }

    public String text() {
        return text;
    }

    public String conversationId() {
        return conversationId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
