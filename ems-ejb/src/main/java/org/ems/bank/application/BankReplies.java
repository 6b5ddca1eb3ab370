package org.ems.bank.application;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.ems.bank.domain.BankReply;

/**
 * Where bank replies land: one {@link BankReplyRecord} per correlation id. A redelivered reply
 * is recorded once (the first one stays). Each new reply is announced as a {@link BankReplyRecorded} event in the same transaction.
 */
@Stateless
public class BankReplies {

    private static final Logger LOG = Logger.getLogger(BankReplies.class.getName());

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<BankReplyRecorded> recorded;

    /** Records a reply; true if it is new, false if this correlation id was recorded before. */
    public boolean record(BankReply reply) {
        if (em.find(BankReplyRecord.class, reply.correlationId().toString()) != null) {
            LOG.fine(() -> "bank reply " + reply.correlationId() + " was recorded before");
            return false;
        }
        em.persist(new BankReplyRecord(reply, clock.instant()));
        recorded.fire(new BankReplyRecorded(reply));
        return true;
    }

    public Optional<BankReply> find(UUID correlationId) {
        return Optional.ofNullable(em.find(BankReplyRecord.class, correlationId.toString())).map(BankReplyRecord::reply);
    }
}
