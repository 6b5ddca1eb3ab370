package org.ems.network.domain;

import java.security.KeyPair;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.MalformedEncodingException;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.CertificateRejectedException;

/**
 * Field codecs that the network's states and payloads share, on top of the canonical writer
 * and reader: optional values (a 0/1 flag, nothing else accepted), flags, conversation ids,
 * certificates and key pairs. Every read refuses what the matching write could not produce.
 */
public final class Codec {

    private Codec() {
    }

    public static void putFlag(CanonicalWriter writer, boolean flag) {
        writer.putInt(flag ? 1 : 0);
    }

    public static boolean getFlag(CanonicalReader reader) {
        int flag = reader.getInt();
        if (flag != 0 && flag != 1) {
            throw new MalformedEncodingException("flag " + flag + " is neither 0 nor 1");
        }
        return flag == 1;
    }

    public static <T> void putOptional(CanonicalWriter writer, Optional<T> value, BiConsumer<CanonicalWriter, T> put) {
        putFlag(writer, value.isPresent());
        value.ifPresent(v -> put.accept(writer, v));
    }

    public static <T> Optional<T> getOptional(CanonicalReader reader, Function<CanonicalReader, T> get) {
        return getFlag(reader) ? Optional.of(get.apply(reader)) : Optional.empty();
    }

    public static void putConversation(CanonicalWriter writer, ConversationId conversation) {
        writer.putLong(conversation.high()).putLong(conversation.low());
    }

    public static ConversationId getConversation(CanonicalReader reader) {
        return new ConversationId(reader.getLong(), reader.getLong());
    }

    public static void putCertificate(CanonicalWriter writer, Certificate certificate) {
        writer.putBytes(certificate.encoded());
    }

    /** A certificate, structurally decoded only: whoever reads one must still validate it before trusting it. */
    public static Certificate getCertificate(CanonicalReader reader) {
        byte[] encoded = reader.getBytes(Certificate.MAX_ENCODED_BYTES);
        try {
            return Certificate.decode(encoded);
        } catch (CertificateRejectedException e) {
            throw new MalformedEncodingException("not a certificate: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 then X.509: the state that holds it is secret and must be stored sealed (see DECISIONS.md). */
    public static void putKeyPair(CanonicalWriter writer, KeyPair keyPair) {
        writer.putBytes(keyPair.getPrivate().getEncoded()).putBytes(keyPair.getPublic().getEncoded());
    }

    public static KeyPair getKeyPair(CanonicalReader reader) {
        byte[] privateBytes = reader.getBytes(Crypto.MAX_ENCODED_KEY_BYTES);
        byte[] publicBytes = reader.getBytes(Crypto.MAX_ENCODED_KEY_BYTES);
        try {
            KeyPair pair = new KeyPair(Crypto.decodePublicKey(publicBytes), Crypto.decodePrivateKey(privateBytes));
            if (KeyLength.of(pair.getPublic()) != KeyLength.of(pair.getPrivate())) {
                throw new MalformedEncodingException("key pair halves on different curves");
            }
            return pair;
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("not an EC key pair: " + e.getMessage(), e);
        }
    }
}
