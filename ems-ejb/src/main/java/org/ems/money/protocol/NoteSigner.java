package org.ems.money.protocol;

import java.security.PrivateKey;
import java.time.Instant;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;

/** Port: the payer's transfer of part or all of a held note (figure 8, steps 1568-1570), signed with its key. */
@FunctionalInterface
public interface NoteSigner {

    HeldNote.Paid pay(HeldNote held, ModuleId transferee, Money amount, Instant at);

    /** Signs with the module's own certificate and private key. */
    static NoteSigner of(Certificate cert, PrivateKey key) {
        return (held, transferee, amount, at) -> held.pay(cert, key, transferee, amount, at);
    }
}
