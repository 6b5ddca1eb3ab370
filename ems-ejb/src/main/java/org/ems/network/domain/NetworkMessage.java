package org.ems.network.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;

/**
 * One message between two parties of a protocol, as the transport carries it (a JMS bytes
 * message, an in-VM hand-off): kind, conversation, sender, recipient, and an opaque body that
 * only the recipient's step opens. The header is not authenticated: every body that matters is
 * sealed, and the sealed payload repeats the conversation id.
 *
 * <p>Encoded: {@code NETWORK_MESSAGE | version | kind | conversation | sender | recipient | body},
 * at most {@link #MAX_ENCODED_BYTES}. {@link #digest()} identifies a message for idempotency:
 * a redelivered message has the same digest.
 */
public final class NetworkMessage {

    /** The body limit: a sign-on update with a full bad-ID list (2 MiB) sealed in a frame fits. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int MAX_ENCODED_BYTES = MAX_BODY_BYTES + 256;
    public static final int DIGEST_BYTES = 16;
    private static final int VERSION = 1;

    private final MessageKind kind;
    private final ConversationId conversation;
    private final Address sender;
    private final Address recipient;
    private final byte[] body;

    public NetworkMessage(MessageKind kind, ConversationId conversation, Address sender, Address recipient, byte[] body) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body of " + body.length + " bytes exceeds " + MAX_BODY_BYTES);
        }
        this.body = body.clone();
    }

    public MessageKind kind() {
        return kind;
    }

    public ConversationId conversation() {
        return conversation;
    }

    public Address sender() {
        return sender;
    }

    public Address recipient() {
        return recipient;
    }

    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.NETWORK_MESSAGE)
                .putInt(VERSION)
                .putInt(kind.code())
                .putLong(conversation.high())
                .putLong(conversation.low());
        Address.write(writer, sender);
        Address.write(writer, recipient);
        return writer.putBytes(body).toBytes();
    }

    /** Decodes {@link #encode()}'s form; anything else: {@link MalformedEncodingException}. */
    public static NetworkMessage decode(byte[] encoded) {
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new MalformedEncodingException("network message of " + encoded.length + " bytes");
        }
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.NETWORK_MESSAGE);
        if (reader.getInt() != VERSION) {
            throw new MalformedEncodingException("unknown network message version");
        }
        MessageKind kind = MessageKind.ofCode(reader.getInt());
        ConversationId conversation = new ConversationId(reader.getLong(), reader.getLong());
        Address sender = Address.read(reader);
        Address recipient = Address.read(reader);
        byte[] body = reader.getBytes(MAX_BODY_BYTES);
        reader.end();
        return new NetworkMessage(kind, conversation, sender, recipient, body);
    }

    /** The first 16 bytes of SHA-256 over the encoding: equal for a redelivered copy, different for anything altered. */
    public byte[] digest() {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(encode()), DIGEST_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkMessage that
                && kind == that.kind
                && conversation.equals(that.conversation)
                && sender.equals(that.sender)
                && recipient.equals(that.recipient)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, conversation, sender, recipient) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return kind + "[" + conversation + ", " + sender + " -> " + recipient + ", " + body.length + " bytes]";
    }
}
