package org.ems.network.domain;

import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.PublicKeyEncryption;
import org.ems.security.domain.Certificate;

/**
 * The shape every protocol payload shares: its purpose tag, then the conversation id, then its
 * fields. Repeating the conversation inside what is sealed or signed binds the payload to one
 * run of the protocol: a payload replayed into another run fails {@link #read}.
 */
public final class Payloads {

    /** A sealed payload with a certificate appended in the clear (the patent's "E_A(...) || Cert"). */
    public record SealedWithCertificate(byte[] sealed, Certificate certificate) {

        public byte[] encode() {
            CanonicalWriter writer = new CanonicalWriter(Purpose.SEALED_WITH_CERTIFICATE).putBytes(sealed);
            Codec.putCertificate(writer, certificate);
            return writer.toBytes();
        }

        public static SealedWithCertificate decode(byte[] body) {
            CanonicalReader reader = new CanonicalReader(body, Purpose.SEALED_WITH_CERTIFICATE);
            byte[] sealed = reader.getBytes(PublicKeyEncryption.MAX_PLAINTEXT_BYTES + 1024);
            Certificate certificate = Codec.getCertificate(reader);
            reader.end();
            return new SealedWithCertificate(sealed, certificate);
        }
    }

    private Payloads() {
    }

    public static CanonicalWriter writer(Purpose purpose, ConversationId conversation) {
        CanonicalWriter writer = new CanonicalWriter(purpose);
        Codec.putConversation(writer, conversation);
        return writer;
    }

    /** A reader past the conversation id, which must be {@code expected}. */
    public static CanonicalReader read(Purpose purpose, ConversationId expected, byte[] payload) {
        CanonicalReader reader = new CanonicalReader(payload, purpose);
        ConversationId found = Codec.getConversation(reader);
        if (!found.equals(expected)) {
            throw new MalformedEncodingException(purpose.shortName() + " of conversation " + found + ", expected " + expected);
        }
        return reader;
    }

    /** A payload that says only "this, in this conversation" (acknowledgements). */
    public static byte[] only(Purpose purpose, ConversationId conversation) {
        return writer(purpose, conversation).toBytes();
    }

    public static void readOnly(Purpose purpose, ConversationId expected, byte[] payload) {
        read(purpose, expected, payload).end();
    }
}
