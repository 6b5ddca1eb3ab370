package org.ems.bank.application;

import java.security.SecureRandom;
import java.time.Clock;
import org.ems.bank.domain.Account;
import org.ems.bank.domain.AssignedTerminal;
import org.ems.bank.domain.JournalEntry;
import org.ems.bank.domain.JournalLine;
import org.ems.bank.domain.PinHash;
import org.ems.bank.infrastructure.JpaBankRepository;
import org.ems.crypto.AtRestCipher;
import org.ems.testing.DirectEvent;
import org.ems.testing.jta.JtaHarness;

/** The built-in bank host and its reply store wired as the container wires them, over a JTA harness. */
public final class BankHostWiring {

    /** The entities the bank host and its replies need in the harness. */
    public static final Class<?>[] ENTITIES = {Account.class, JournalEntry.class, JournalLine.class, AssignedTerminal.class,
        BankPinKey.class, BankReplyRecord.class, org.ems.bank.domain.RefusedRequest.class};

    public final BankHostService host = new BankHostService();
    public final BankReplies replies = new BankReplies();
    public final BankPinKeys pinKeys;
    public final DirectEvent<BankReplyRecorded> recorded = new DirectEvent<>();

    public BankHostWiring(JtaHarness harness, Clock clock, SecureRandom random) {
        this(harness, new AtRestCipher(new byte[32], random), random, clock);
    }

    public BankHostWiring(JtaHarness harness, AtRestCipher atRest, SecureRandom random, Clock clock) {
        pinKeys = harness.injectPersistenceContexts(new BankPinKeys());
        pinKeys.atRest = atRest;
        pinKeys.random = random;
        host.repository = new JpaBankRepository(harness.transactionScopedEntityManager());
        host.pinKeys = pinKeys;
        host.random = random;
        host.clock = clock;
        host.pinIterations = PinHash.MIN_ITERATIONS;
        harness.injectPersistenceContexts(replies);
        replies.clock = clock;
        replies.recorded = recorded;
    }
}
