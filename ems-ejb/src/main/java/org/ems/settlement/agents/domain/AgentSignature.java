package org.ems.settlement.agents.domain;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.Purpose;
import org.ems.crypto.SignedEnvelope;

/**
 * The signature of the sending agent's money module over one EMS-AGENT/1 line: ECDSA over
 * {@code SETTLEMENT_AGENT_MESSAGE | line} (the purpose tag, then the exact text as a length-prefixed
 * string), so it can never pass for a signature of another kind of document, and any change of the
 * line (kind, cycle, sender, addressee, transfer, attempt, amounts, time) breaks it. It travels
 * beside the line as base64url without padding (the {@code ems_signature} JMS property).
 *
 * <p>Invariant: 1 to {@link SignedEnvelope#MAX_SIGNATURE_BYTES} bytes (a DER ECDSA signature).
 */
public final class AgentSignature {

    /** The longest text form: base64url of {@link SignedEnvelope#MAX_SIGNATURE_BYTES} bytes. */
    public static final int MAX_TEXT = (SignedEnvelope.MAX_SIGNATURE_BYTES * 4 + 2) / 3;

    private final byte[] bytes;

    private AgentSignature(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > SignedEnvelope.MAX_SIGNATURE_BYTES) {
            throw new AgentRefusedException(AgentRefusal.BAD_SIGNATURE, "a signature of " + bytes.length + " bytes");
        }
        this.bytes = bytes;
    }

    /** What is signed: the purpose tag and the exact line. */
    public static byte[] signedBytes(String line) {
        return new CanonicalWriter(Purpose.SETTLEMENT_AGENT_MESSAGE).putString(line).toBytes();
    }

    /** Signs the line with the sending agent's module key. */
    public static AgentSignature sign(String line, PrivateKey moduleKey) {
        return new AgentSignature(Crypto.sign(moduleKey, signedBytes(line)));
    }

    /** The signature in its text form; BAD_SIGNATURE if it is not base64url (no padding) of 1 to 256 bytes. */
    public static AgentSignature parse(String text) {
        if (text.isEmpty() || text.length() > MAX_TEXT || !text.chars().allMatch(AgentSignature::isBase64Url)) {
            throw new AgentRefusedException(AgentRefusal.BAD_SIGNATURE, "the signature is not base64url of at most "
                    + SignedEnvelope.MAX_SIGNATURE_BYTES + " bytes");
        }
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AgentRefusedException(AgentRefusal.BAD_SIGNATURE, "the signature is not base64url: " + e.getMessage());
        }
        AgentSignature signature = new AgentSignature(decoded);
        if (!signature.text().equals(text)) {
            // one text per signature, as one line per message
            throw new AgentRefusedException(AgentRefusal.BAD_SIGNATURE, "the signature is not canonical base64url");
        }
        return signature;
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    public String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether this is a signature of exactly {@code line} by the holder of {@code moduleKey}'s private key. */
    public boolean verifies(String line, PublicKey moduleKey) {
        return Crypto.verify(moduleKey, signedBytes(line), bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentSignature that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "AgentSignature[" + bytes.length + " bytes]";
    }
}
