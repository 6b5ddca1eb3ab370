package org.ems.money.protocol;

import java.time.Instant;
import java.util.List;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteHistory;
import org.ems.money.domain.NoteVerifier;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/** Port: the payee's verification of a packet (figure 8, steps 1576-1604); throws {@code NoteRejectedException}. */
@FunctionalInterface
public interface PaymentVerifier {

    void verify(List<Note> notes, Money expectedTotal, Instant now, NoteHistory history);

    /** The verifier of figure 8 for this payee. */
    static PaymentVerifier of(NoteVerifier verifier, ModuleId payee, ModuleRole payeeRole) {
        return (notes, expected, now, history) -> verifier.verifyPayment(notes, expected, payee, payeeRole, now, history);
    }
}
