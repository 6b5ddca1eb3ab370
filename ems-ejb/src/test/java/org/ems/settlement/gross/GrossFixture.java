package org.ems.settlement.gross;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.ems.money.application.PaymentFixture;
import org.ems.money.domain.Money;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.SettlementBasis;
import org.ems.settlement.gross.domain.SettlementInstruction;
import org.ems.testing.DirectEvent;

/**
 * {@link GrossSettlementService} over the payments' fixture (JTA harness, commit-queue transport
 * the test delivers, recorded protocol timers): the settlement-time timers are recorded (the test
 * calls {@link #settleAtTime}), notifications collected, and the service observes the payments'
 * {@code PaymentSettled} events as it does in the container.
 */
public final class GrossFixture implements AutoCloseable {

    public final PaymentFixture pay;
    public final GrossSettlementService service = new GrossSettlementService();
    public final List<GrossSettlementNotified> notifications = new CopyOnWriteArrayList<>();
    public final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
    private final AtomicLong probes = new AtomicLong();

    public record Scheduled(InstructionId instruction, Instant settleAt) {
    }

    public GrossFixture(String name) {
        pay = new PaymentFixture(name, GrossInstructionRecord.class);
        service.instructions = new GrossInstructionRepository(pay.security.harness.transactionScopedEntityManager());
        service.settleFx = pay.settlements;
        service.custody = pay.custody;
        service.network = pay.net.repository;
        service.steps = pay.net.steps;
        service.timers = (id, at) -> scheduled.add(new Scheduled(id, at));
        service.notified = new DirectEvent<GrossSettlementNotified>().observe(notifications::add);
        service.clock = pay.security.clock;
        pay.settled.observe(service::onPaymentSettled);
    }

    public InstructionView submit(SettlementInstruction instruction) {
        return pay.security.tx(() -> service.submit(instruction));
    }

    /** What the timer port does at the settlement time, in its own transaction. */
    public InstructionView settleAtTime(InstructionId id) {
        return pay.security.tx(() -> service.settleAtTime(id));
    }

    /**
     * One transaction that stores one instruction row and nothing else, directly through the
     * repository (no module or session checks): what a transaction costs in this harness at least.
     */
    public void commitOneRow() {
        long n = probes.incrementAndGet();
        pay.security.txRun(() -> {
            Instant now = pay.security.clock.instant();
            service.instructions.store(new GrossInstructionRecord(new SettlementInstruction(new InstructionId("probe-" + n),
                    SettlementBasis.GROSS, new ModuleId(1), new ModuleId(2), new ConversationId(n, n), SettlementAmounts.ofCurrency(
                    Money.of(PaymentFixture.USD, 1)), SettlementAmounts.none(), now), now));
        });
    }

    public InstructionView view(InstructionId id) {
        return pay.security.tx(() -> service.instruction(id)).orElseThrow();
    }

    @Override
    public void close() {
        pay.close();
    }
}
