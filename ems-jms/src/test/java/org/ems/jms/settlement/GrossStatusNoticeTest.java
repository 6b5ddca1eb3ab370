package org.ems.jms.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import org.ems.security.domain.ModuleId;
import org.ems.settlement.gross.GrossSettlementNotified;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.InstructionPhase;
import org.ems.settlement.gross.domain.Notification;
import org.ems.settlement.gross.domain.Side;
import org.junit.jupiter.api.Test;

class GrossStatusNoticeTest {

    @Test
    void aSuccessIsAcscWithoutReason() {
        String line = GrossStatusNotice.encode(new GrossSettlementNotified(new InstructionId("G-1"), Side.A, new ModuleId(42),
                Notification.SUCCESS, null, InstructionPhase.SETTLING));
        assertThat(line).isEqualTo("EMS-GROSS-STATUS/1 G-1 A 42 SUCCESS ACSC SETTLING -");
    }

    @Test
    void aFailureIsRjctWithItsReasonAsTheRestOfTheLine() {
        String line = GrossStatusNotice.encode(new GrossSettlementNotified(new InstructionId("pair-A-B"), Side.B, new ModuleId(7),
                Notification.FAILED, "not ready: holds EUR 4.99 of the EUR 5.00 CURRENCY to send", InstructionPhase.FAILED));
        assertThat(line).isEqualTo("EMS-GROSS-STATUS/1 pair-A-B B 7 FAILED RJCT FAILED not ready: holds EUR 4.99 of the EUR 5.00 CURRENCY to send");
    }

    @Test
    void aReasonIsPrintableAsciiOnOneLineAndBounded() {
        assertThat(GrossStatusNotice.reason("timed\nout \u20ac")).isEqualTo("timed?out ?");
        assertThat(GrossStatusNotice.reason("  ")).isEqualTo("-");
        assertThat(GrossStatusNotice.reason("x".repeat(1000))).hasSize(GrossStatusNotice.MAX_REASON);
    }
}
