package org.ems.money.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.C;
import static org.ems.money.domain.NoteFixtures.ROGUE;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The patent's figure 16/17 example with A as TR3, B as TR4, C as TR5 and ROGUE as TR6. */
class NoteTransferTreeTest {

    private final Note toTr3 = NoteFixtures.withdrawnBy(A, 5000);
    private final Note tr3ToTr4 = NoteFixtures.pay(toTr3, A, B, 1000, 1);
    private final Note tr3ToTr5 = NoteFixtures.pay(toTr3, A, C, 1000, 2);
    private final Note tr3ToTr5Again = NoteFixtures.pay(toTr3, A, C, 2500, 3);
    private final Note tr3ToTr6 = NoteFixtures.pay(toTr3, A, ROGUE, 500, 4);
    private final Note tr4ToTr6 = NoteFixtures.pay(tr3ToTr4, B, ROGUE, 500, 1);
    private final Note tr4ToTr6Again = NoteFixtures.pay(tr3ToTr4, B, ROGUE, 500, 2);
    private final Note tr5ToTr6 = NoteFixtures.pay(tr3ToTr5Again, C, ROGUE, 2000, 1);
    private final Note tr6ToTr5 = NoteFixtures.pay(tr5ToTr6, ROGUE, C, 1000, 1);

    @Test
    void theHonestHistoryOfFigure17Balances() {
        Note tr6ToTr3 = NoteFixtures.pay(tr5ToTr6, ROGUE, A, 1000, 2);
        NoteTransferTree tree = new NoteTransferTree();
        List.of(tr3ToTr4, tr3ToTr5, tr3ToTr5Again, tr3ToTr6, tr4ToTr6, tr4ToTr6Again, tr6ToTr5, tr6ToTr3).forEach(tree::add);
        assertThat(tree.overdrawnNode()).isEmpty();
    }

    @Test
    void aDuplicatedTransferMakesTheNodeBelowSumToMoreThanItReceived() {
        Note tr6ToTr3Duplicated = NoteFixtures.pay(tr5ToTr6, ROGUE, A, 2000, 2); // 10 + 20 out of the 20 received
        NoteTransferTree tree = new NoteTransferTree().add(tr6ToTr5).add(tr6ToTr3Duplicated);
        assertThat(tree.overdrawnNode()).hasValueSatisfying(detail -> assertThat(detail).contains("USD 20.00").contains("USD 30.00"));
    }

    @Test
    void aRecordSeenInSeveralNotesCountsOnce() {
        NoteTransferTree tree = new NoteTransferTree().add(tr4ToTr6).add(tr4ToTr6Again).add(tr3ToTr4).add(tr4ToTr6);
        assertThat(tree.overdrawnNode()).isEmpty();
    }
}
