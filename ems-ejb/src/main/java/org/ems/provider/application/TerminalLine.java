package org.ems.provider.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import org.ems.provider.domain.CallbackCall;
import org.ems.provider.domain.ProviderRefusal;
import org.ems.provider.domain.ProviderRefusedException;
import org.ems.provider.domain.Terminal;

/**
 * The terminal's side of the phone line: what a terminal does when the provider host calls it
 * back. It answers only calls addressed to itself, with the HMAC of the call under its own copy of
 * the callback key.
 */
@Stateless
public class TerminalLine {

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject ProviderKeys keys;

    public byte[] answer(String terminalId, CallbackCall call) {
        Terminal terminal = em.find(Terminal.class, terminalId);
        if (terminal == null) {
            throw new ProviderRefusedException(ProviderRefusal.UNKNOWN_TERMINAL, terminalId);
        }
        if (!call.terminalId().equals(terminalId)) {
            throw new ProviderRefusedException(ProviderRefusal.CHALLENGE_MISMATCH, "call for " + call.terminalId() + " reached " + terminalId);
        }
        byte[] key = keys.terminalKey(terminal);
        try {
            return call.answer(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
