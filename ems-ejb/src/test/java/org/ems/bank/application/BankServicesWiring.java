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
import org.ems.testing.jta.JtaHarness;

/**
 * The built-in bank's services wired by hand over a JTA harness, as the container wires them,
 * for tests in other packages (the beans' injected fields are package-private).
 */
public final class BankServicesWiring {

    /** The bank's entities, to start a harness with (plus the caller's own). */
    public static final Class<?>[] ENTITIES = {
        Account.class, JournalEntry.class, JournalLine.class, AssignedTerminal.class, BankPinKey.class, BankReplyRecord.class};

    public final BankHostService host = new BankHostService();
    public final BankPinKeys pinKeys;
    public final BankReplies replies = new BankReplies();

    public BankServicesWiring(JtaHarness harness, AtRestCipher atRest, SecureRandom random, Clock clock) {
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
    }
}
