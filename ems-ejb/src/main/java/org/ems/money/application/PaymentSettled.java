package org.ems.money.application;

import java.util.Optional;
import org.ems.money.protocol.PaymentOutcome;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ProtocolConversation.Protocol;
import org.ems.security.domain.ModuleId;

/**
 * A CDI event: one party's side of a payment ended (fired synchronously in the step's
 * transaction, so that what observers do commits or rolls back with the step).
 */
public record PaymentSettled(ModuleId module, ConversationId payment, Protocol side, Optional<PaymentOutcome> outcome) {

    public boolean isSuccess() {
        return outcome.map(PaymentOutcome::isSuccess).orElse(false);
    }
}
