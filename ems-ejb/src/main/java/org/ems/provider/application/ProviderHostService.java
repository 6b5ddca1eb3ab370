package org.ems.provider.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.ems.bank.application.BankPinKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.LedgerAmount;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteId;
import org.ems.provider.domain.CardPurse;
import org.ems.provider.domain.IssuingModule;
import org.ems.provider.domain.CallbackCall;
import org.ems.provider.domain.CallbackChallenge;
import org.ems.provider.domain.CallbackPurpose;
import org.ems.provider.domain.Charge;
import org.ems.provider.domain.EmoneyIssue;
import org.ems.provider.domain.EmoneyPiece;
import org.ems.provider.domain.HostSettlement;
import org.ems.provider.domain.IssuedEmoney;
import org.ems.provider.domain.ProviderAccount;
import org.ems.provider.domain.ProviderRefusal;
import org.ems.provider.domain.ProviderRefusedException;
import org.ems.provider.domain.SettlementInstruction;
import org.ems.provider.domain.SettlementKey;
import org.ems.provider.domain.Terminal;
import org.ems.provider.domain.TerminalKind;

/**
 * The provider host (figures 6 and 8). A terminal's request never gets its answer on the same
 * line: the host "hangs up" (the request returns the {@link CallbackCall}, stored as a challenge)
 * and calls the registered terminal back; only the terminal's right answer to that call releases
 * e-money (charge) or the provider's account and the total (settlement).
 */
@Stateless
public class ProviderHostService {

    private static final Logger LOG = Logger.getLogger(ProviderHostService.class.getName());

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject ProviderKeys keys;
    @Inject ProviderModules modules;
    @Inject BankPinKeys pinKeys;
    @Inject SecureRandom random;
    @Inject Clock clock;
    @Inject @ConfigProperty(name = "ems.provider.noteLifetimeDays", defaultValue = "365") int noteLifetimeDays;

    /** Figure 6: a provider terminal asks for the e-money of an approved charge; the host calls it back. */
    public CallbackCall requestEmoney(String terminalId, UUID chargeId) {
        terminal(terminalId, TerminalKind.PROVIDER);
        Charge charge = Optional.ofNullable(em.find(Charge.class, chargeId.toString()))
                .filter(c -> c.terminalId().equals(terminalId))
                .orElseThrow(() -> new ProviderRefusedException(ProviderRefusal.UNKNOWN_CHARGE, chargeId + " at " + terminalId));
        if (!charge.awaitsEmoney() && charge.state() != Charge.State.ISSUED) {
            throw new ProviderRefusedException(ProviderRefusal.SALE_NOT_APPROVED, "charge " + chargeId + " is " + charge.state());
        }
        return callBack(terminalId, CallbackPurpose.CHARGE, chargeId.toString());
    }

    /**
     * The provider terminal's answer to the call: if right, the e-money of the charge, issued once
     * per charge (a repeat gets the same issue): a note of exactly the charged amount, signed by
     * the provider's money generator and transferred by its issuing teller to the module of the
     * card inserted for the charge. The challenge is used up either way.
     */
    public Outcome<EmoneyIssue> answerEmoneyCallback(UUID challengeId, byte[] answer) {
        CallbackChallenge challenge = challenge(challengeId);
        try {
            authenticate(challenge, CallbackPurpose.CHARGE, answer);
        } catch (ProviderRefusedException refused) {
            LOG.warning(() -> "callback refused: " + refused.getMessage());
            return Outcome.refused(refused);
        }
        Charge charge = em.find(Charge.class, challenge.subject());
        List<IssuedEmoney> before = em.createQuery("select i from IssuedEmoney i where i.chargeId = :c", IssuedEmoney.class)
                .setParameter("c", challenge.subject()).getResultList();
        if (!before.isEmpty()) {
            return Outcome.done(before.get(0).issue());
        }
        if (!charge.awaitsEmoney()) {
            throw new ProviderRefusedException(ProviderRefusal.SALE_NOT_APPROVED, "charge " + charge.id() + " is " + charge.state());
        }
        CardPurse card = em.find(CardPurse.class, charge.cardId());
        IssuingModule generator = modules.issuer(IssuingModule.Kind.GENERATOR);
        IssuingModule teller = modules.issuer(IssuingModule.Kind.TELLER);
        EmoneyIssue issue = EmoneyIssue.mint(generator.certificate(), modules.key(generator), teller.certificate(), modules.key(teller),
                NoteId.random(random), Money.of(CurrencyCode.of(charge.amount().currency()), charge.amount().minor()), card.moduleId(),
                clock.instant(), Duration.ofDays(noteLifetimeDays));
        em.persist(new IssuedEmoney(issue, charge.id(), clock.instant()));
        LOG.info(() -> "issued " + issue + " for charge " + charge.id());
        return Outcome.done(issue);
    }

    /**
     * Figure 8: a merchant terminal presents its batch; the host records it (or recognises a retry
     * of the same key with the same e-money) and calls the terminal back.
     */
    public CallbackCall requestSettlement(SettlementKey key, LedgerAmount total, List<EmoneyPiece> pieces) {
        Terminal terminal = terminal(key.terminalId(), TerminalKind.MERCHANT);
        providerAccountAt(terminal);
        HostSettlement settlement = em.find(HostSettlement.class, key.toString());
        if (settlement == null) {
            em.persist(new HostSettlement(key, total, pieces, clock.instant()));
        } else {
            settlement.requireSame(total, pieces);
        }
        return callBack(key.terminalId(), CallbackPurpose.SETTLEMENT, key.toString());
    }

    /**
     * The merchant terminal's answer to the call: if right, the host verifies and claims the
     * e-money (once per key) and returns the provider's account at the merchant's bank, the total
     * and a PIN block sealed to that bank for the transfer's correlation id. Refusals (wrong answer,
     * forged or replayed e-money) are recorded and returned.
     */
    public Outcome<SettlementInstruction> answerSettlementCallback(UUID challengeId, byte[] answer) {
        CallbackChallenge challenge = challenge(challengeId);
        HostSettlement settlement = em.find(HostSettlement.class, challenge.subject());
        try {
            authenticate(challenge, CallbackPurpose.SETTLEMENT, answer);
            Terminal terminal = terminal(challenge.terminalId(), TerminalKind.MERCHANT);
            settlement.claim(serial -> Optional.ofNullable(em.find(IssuedEmoney.class, serial)),
                    pieceId -> settledBefore(pieceId, settlement), modules.verifier(), terminal.moduleId(), clock.instant());
        } catch (ProviderRefusedException refused) {
            LOG.warning(() -> "settlement refused: " + refused.getMessage());
            return Outcome.refused(refused);
        }
        ProviderAccount account = providerAccountAt(terminal(challenge.terminalId(), TerminalKind.MERCHANT));
        UUID correlationId = UUID.randomUUID();
        char[] pin = keys.pin(account);
        byte[] pinBlock;
        try {
            pinBlock = pinKeys.seal(account.bank(), correlationId, pin);
        } finally {
            Arrays.fill(pin, '\0');
        }
        SettlementInstruction instruction =
                new SettlementInstruction(settlement.key(), account.account(), settlement.total(), correlationId, pinBlock);
        LOG.info(() -> "settlement instructed: " + instruction);
        return Outcome.done(instruction);
    }

    /** Whether another settlement that the host instructed claimed this piece. */
    private boolean settledBefore(String pieceId, HostSettlement current) {
        return em.createQuery("select count(s) from HostSettlement s join s.pieces p where p.pieceId = :id and s.state = :instructed"
                        + " and s.settlementKey <> :key", Long.class)
                .setParameter("id", pieceId).setParameter("instructed", HostSettlement.State.INSTRUCTED)
                .setParameter("key", current.key().toString()).getSingleResult() > 0;
    }

    private CallbackCall callBack(String terminalId, CallbackPurpose purpose, String subject) {
        CallbackChallenge challenge = CallbackChallenge.issue(terminalId, purpose, subject, random, clock.instant());
        em.persist(challenge);
        return challenge.call();
    }

    private void authenticate(CallbackChallenge challenge, CallbackPurpose purpose, byte[] answer) {
        byte[] key = keys.hostKey(terminal(challenge.terminalId(), null));
        try {
            challenge.verify(purpose, challenge.subject(), key, answer, clock.instant());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private CallbackChallenge challenge(UUID challengeId) {
        CallbackChallenge challenge = em.find(CallbackChallenge.class, challengeId.toString());
        if (challenge == null) {
            throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_CHALLENGE, challengeId.toString());
        }
        return challenge;
    }

    private Terminal terminal(String terminalId, TerminalKind kind) {
        Terminal terminal = terminalId == null ? null : em.find(Terminal.class, terminalId);
        if (terminal == null) {
            throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_TERMINAL, String.valueOf(terminalId));
        }
        if (kind != null) {
            terminal.requireKind(kind);
        }
        return terminal;
    }

    private ProviderAccount providerAccountAt(Terminal merchantTerminal) {
        AccountNumber merchant = merchantTerminal.merchantAccount();
        ProviderAccount account = em.find(ProviderAccount.class, merchant.bank().code());
        if (account == null) {
            throw new ProviderRefusedException(ProviderRefusal.NO_PROVIDER_ACCOUNT, "bank " + merchant.bank());
        }
        return account;
    }
}
