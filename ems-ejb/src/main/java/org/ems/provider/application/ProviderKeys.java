package org.ems.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.Purpose;
import org.ems.provider.domain.Hmac;
import org.ems.provider.domain.ProviderAccount;
import org.ems.provider.domain.Terminal;

/**
 * The provider's secrets at rest, each sealed with the {@link AtRestCipher} under its own purpose
 * tag and owner (so no sealed value opens as another): terminals' callback keys (the host's copy
 * and the terminal's own) and the PINs of the provider's bank accounts. (Money modules' private
 * keys: {@link ProviderModules}.)
 * Clear keys leave this class only to the caller that uses them at once and clears them.
 */
@ApplicationScoped
public class ProviderKeys {

    @Inject
    AtRestCipher atRest;

    @Inject
    SecureRandom random;

    /** A fresh callback key, sealed for the host [0] and for the terminal [1]. */
    byte[][] newTerminalKey(String terminalId) {
        byte[] key = new byte[Hmac.KEY_BYTES];
        random.nextBytes(key);
        try {
            return new byte[][] {
                atRest.seal(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, hostOwner(terminalId), key),
                atRest.seal(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, terminalOwner(terminalId), key)};
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    byte[] hostKey(Terminal terminal) {
        return atRest.open(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, hostOwner(terminal.terminalId()), terminal.hostKeySealed());
    }

    byte[] terminalKey(Terminal terminal) {
        return atRest.open(Purpose.PROVIDER_TERMINAL_KEY_AT_REST, terminalOwner(terminal.terminalId()), terminal.terminalKeySealed());
    }

    byte[] sealPin(String bankCode, char[] pin) {
        ByteBuffer encoded = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(pin));
        byte[] clear = new byte[encoded.remaining()];
        encoded.get(clear);
        try {
            return atRest.seal(Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, pinOwner(bankCode), clear);
        } finally {
            Arrays.fill(clear, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    /** The account's PIN digits; the caller clears them. */
    char[] pin(ProviderAccount account) {
        byte[] clear = atRest.open(Purpose.PROVIDER_ACCOUNT_PIN_AT_REST, pinOwner(account.bank().code()), account.pinSealed());
        try {
            char[] pin = new char[clear.length];
            for (int i = 0; i < clear.length; i++) {
                pin[i] = (char) (clear[i] & 0xff);
            }
            return pin;
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    private static String hostOwner(String terminalId) {
        return "provider-host/terminal-key/" + terminalId;
    }

    private static String terminalOwner(String terminalId) {
        return "terminal/" + terminalId + "/callback-key";
    }

    private static String pinOwner(String bankCode) {
        return "provider-account-pin/" + bankCode;
    }
}
