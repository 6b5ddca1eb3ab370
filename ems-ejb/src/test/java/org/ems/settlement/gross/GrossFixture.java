package org.ems.settlement.gross;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ems.money.application.PaymentFixture;
import org.ems.settlement.gross.domain.InstructionId;
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

    public InstructionView view(InstructionId id) {
        return pay.security.tx(() -> service.instruction(id)).orElseThrow();
    }

    @Override
    public void close() {
        pay.close();
    }
}
