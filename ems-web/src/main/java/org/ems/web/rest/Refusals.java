package org.ems.web.rest;

import jakarta.ejb.EJBException;
import org.ems.crypto.MalformedEncodingException;
import org.ems.security.domain.CertificateRejectedException;

/** Which HTTP status and problem code each kind of refusal gets. */
public final class Refusals {

    private Refusals() {
    }

    /** The refusal inside the EJB container's wrapping, if any. */
    public static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while (current instanceof EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    public static Problem problemFor(Throwable cause) {
        if (cause instanceof CertificateRejectedException rejected) {
            return new Problem(422, "certificate." + rejected.reason().name(), rejected.getMessage());
        }
        if (cause instanceof org.ems.money.domain.InsufficientFundsException poor) {
            return new Problem(422, "insufficient-funds", poor.getMessage());
        }
        if (cause instanceof org.ems.money.domain.NoteRejectedException rejected) {
            return new Problem(422, "note." + rejected.reason().name(), rejected.getMessage());
        }
        if (cause instanceof org.ems.csm.domain.ProfileRejectedException rejected) {
            return new Problem(422, "profile." + rejected.reason().name(), rejected.getMessage());
        }
        if (cause instanceof org.ems.csm.domain.ClaimRejectedException rejected) {
            return new Problem(422, "claim." + rejected.reason().name(), rejected.getMessage());
        }
        if (cause instanceof org.ems.settlement.domain.TradeRefusedException refused) {
            return new Problem(422, "trade." + refused.reason().name(), refused.getMessage());
        }
        if (cause instanceof org.ems.settlement.agents.domain.AgentRefusedException refused) {
            return new Problem(422, "agent." + refused.reason().name(), refused.getMessage());
        }
        if (cause instanceof org.ems.provider.domain.ProviderRefusedException refused) {
            return new Problem(422, "provider." + refused.reason().name(), refused.getMessage());
        }
        if (cause instanceof MalformedEncodingException malformed) {
            return new Problem(400, "malformed", malformed.getMessage());
        }
        if (cause instanceof IllegalArgumentException bad) {
            return new Problem(400, "invalid", bad.getMessage());
        }
        if (cause instanceof IllegalStateException conflict) {
            return new Problem(409, "conflict", conflict.getMessage());
        }
        return new Problem(500, "internal", "internal error; the operation did not complete");
    }
}
