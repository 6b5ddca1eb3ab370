package org.ems.money.application;

import org.ems.money.protocol.FxCommitOrder;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.ModuleAddress;
import org.ems.security.domain.ModuleId;

/** Test access for other packages' tests to what Settle Foreign Exchange decides in this package. */
public final class SettleFxTesting {

    private SettleFxTesting() {
    }

    /** S(X) of a settlement that {@code a} starts in its established session {@code session}. */
    public static FxCommitOrder.Side firstTransferor(PaymentFixture f, ModuleId a, ConversationId session) {
        return f.security.tx(() -> FxSteps.firstTransferor(f.steps.establishedSession(new ModuleAddress(a), session)));
    }
}
