package org.ems.network.domain;

import org.ems.crypto.StableCode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;

/**
 * One side of a session's secure channel ("Send Message" under the session key): AES-256-GCM
 * with the session key, a sequence number per direction, the purpose tag in the clear and in
 * the additional data. The GCM nonce is the sender's side byte and its sequence number, so a
 * nonce is never reused under a key; the receiver accepts exactly the next sequence number.
 *
 * <p>Frame: {@code CHANNEL_FRAME | purpose tag | sequence | ciphertext+tag}. Any frame that is
 * replayed, out of order, truncated, tampered, of an unexpected purpose or malformed is refused
 * with its {@link ChannelRejection} and the channel is closed for good (the session ends): a
 * channel that has seen one bad frame trusts nothing after it.
 *
 * <p>Immutable: {@link #seal} and {@link #open} return the next state, which is what the
 * party's state stores ({@link #write}/{@link #read}).
 */
public final class SecureChannel {

    /** The sender's side is in every nonce, so the two directions never share one. */
    public enum Side implements StableCode {
        INITIATOR(1), RESPONDER(2);

        private final int code;

        Side(int code) {
            this.code = code;
        }

        Side peer() {
            return this == INITIATOR ? RESPONDER : INITIATOR;
        }

        @Override
        public int code() {
            return code;
        }

        static Side ofCode(int code) {
            return StableCode.ofCode(Side.class, code, "channel side");
        }
    }

    /** GCM's limit for one key, far beyond any session. */
    public static final long MAX_FRAMES = 1L << 32;
    public static final int MAX_PAYLOAD_BYTES = NetworkMessage.MAX_BODY_BYTES - 64;
    private static final int HEADER_BYTES = 4 + 4 + 8 + 4;
    private static final byte[] AAD_PREFIX = {'E', 'M', 'S', '-', 'C', 'H', 'A', 'N', '1'};

    private final SecretValue key;
    private final Side side;
    private final long nextSend;
    private final long nextReceive;
    private final boolean open;
    private final Optional<ChannelRejection> brokenBy;

    private SecureChannel(SecretValue key, Side side, long nextSend, long nextReceive, boolean open,
            Optional<ChannelRejection> brokenBy) {
        this.key = Objects.requireNonNull(key, "key");
        this.side = Objects.requireNonNull(side, "side");
        if (nextSend < 0 || nextReceive < 0 || nextSend > MAX_FRAMES || nextReceive > MAX_FRAMES) {
            throw new IllegalArgumentException("sequence numbers outside 0.." + MAX_FRAMES);
        }
        this.nextSend = nextSend;
        this.nextReceive = nextReceive;
        this.open = open;
        this.brokenBy = brokenBy;
    }

    public static SecureChannel open(SecretValue sessionKey, Side side) {
        return new SecureChannel(sessionKey, side, 0, 0, true, Optional.empty());
    }

    /** A frame and the channel after sending it. */
    public record Sealed(SecureChannel channel, byte[] frame) {
    }

    /** What {@link #open} made of a frame. */
    public sealed interface Receipt permits Opened, Rejected {
        SecureChannel channel();
    }

    public record Opened(SecureChannel channel, Purpose purpose, byte[] payload) implements Receipt {
    }

    /** The channel in the result is closed. */
    public record Rejected(SecureChannel channel, ChannelRejection reason) implements Receipt {
    }

    public Sealed seal(Purpose purpose, byte[] payload) {
        if (!open) {
            throw new IllegalStateException("channel is closed");
        }
        if (nextSend >= MAX_FRAMES || payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalStateException("frame limit reached or payload too large: establish a new session");
        }
        byte[] cipherText = SymmetricCipher.encrypt(key.bytes(), nonce(side, nextSend), aad(purpose, side, nextSend), payload);
        byte[] frame = new CanonicalWriter(Purpose.CHANNEL_FRAME)
                .putInt(purpose.tag())
                .putLong(nextSend)
                .putBytes(cipherText)
                .toBytes();
        return new Sealed(new SecureChannel(key, side, nextSend + 1, nextReceive, true, brokenBy), frame);
    }

    /** Opens the peer's next frame if its purpose is one of {@code expected}; else rejects and closes. */
    public Receipt open(byte[] frame, Set<Purpose> expected) {
        if (!open) {
            return new Rejected(this, ChannelRejection.CLOSED);
        }
        if (frame.length < HEADER_BYTES + SymmetricCipher.TAG_BYTES || declaredLength(frame) > frame.length - HEADER_BYTES) {
            return reject(ChannelRejection.TRUNCATED);
        }
        Purpose purpose;
        long sequence;
        byte[] cipherText;
        try {
            CanonicalReader reader = new CanonicalReader(frame, Purpose.CHANNEL_FRAME);
            purpose = Purpose.ofTag(reader.getInt());
            sequence = reader.getLong();
            cipherText = reader.getBytes(MAX_PAYLOAD_BYTES + SymmetricCipher.TAG_BYTES);
            reader.end();
        } catch (MalformedEncodingException e) {
            return reject(ChannelRejection.MALFORMED);
        }
        if (sequence != nextReceive) {
            return reject(sequence < nextReceive ? ChannelRejection.REPLAYED : ChannelRejection.OUT_OF_ORDER);
        }
        if (!expected.contains(purpose)) {
            return reject(ChannelRejection.WRONG_PURPOSE);
        }
        if (cipherText.length < SymmetricCipher.TAG_BYTES) {
            return reject(ChannelRejection.TRUNCATED);
        }
        try {
            byte[] payload = SymmetricCipher.decrypt(key.bytes(), nonce(side.peer(), sequence), aad(purpose, side.peer(), sequence), cipherText);
            return new Opened(new SecureChannel(key, side, nextSend, nextReceive + 1, true, brokenBy), purpose, payload);
        } catch (MalformedEncodingException e) {
            return reject(ChannelRejection.TAMPERED);
        }
    }

    /** The channel after a normal end of the session: nothing more is sealed or opened. */
    public SecureChannel close() {
        return new SecureChannel(key, side, nextSend, nextReceive, false, brokenBy);
    }

    public boolean isOpen() {
        return open;
    }

    /** Why the channel was closed by a bad frame; empty while open or after a normal close. */
    public Optional<ChannelRejection> brokenBy() {
        return brokenBy;
    }

    public Side side() {
        return side;
    }

    public long nextSendSequence() {
        return nextSend;
    }

    public long nextReceiveSequence() {
        return nextReceive;
    }

    /** Whether both sides hold the same session key (for tests and invariant checks; constant time). */
    public boolean sharesKeyWith(SecureChannel other) {
        return key.equals(other.key);
    }

    public void write(CanonicalWriter writer) {
        key.write(writer);
        writer.putInt(side.code).putLong(nextSend).putLong(nextReceive);
        Codec.putFlag(writer, open);
        Codec.putOptional(writer, brokenBy, (w, reason) -> w.putInt(reason.code()));
    }

    public static SecureChannel read(CanonicalReader reader) {
        SecretValue key = SecretValue.read(reader);
        Side side = Side.ofCode(reader.getInt());
        long nextSend = reader.getLong();
        long nextReceive = reader.getLong();
        boolean open = Codec.getFlag(reader);
        Optional<ChannelRejection> brokenBy = Codec.getOptional(reader, r -> ChannelRejection.ofCode(r.getInt()));
        try {
            return new SecureChannel(key, side, nextSend, nextReceive, open, brokenBy);
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException(e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecureChannel that && key.equals(that.key) && side == that.side && nextSend == that.nextSend
                && nextReceive == that.nextReceive && open == that.open && brokenBy.equals(that.brokenBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(side, nextSend, nextReceive, open, brokenBy);
    }

    @Override
    public String toString() {
        return "SecureChannel[" + side + ", send " + nextSend + ", receive " + nextReceive
                + (open ? ", open" : ", closed" + brokenBy.map(r -> " (" + r + ")").orElse("")) + "]";
    }

    private Rejected reject(ChannelRejection reason) {
        return new Rejected(new SecureChannel(key, side, nextSend, nextReceive, false, Optional.of(reason)), reason);
    }

    /** The declared ciphertext length, read from the fixed header without trusting it further. */
    private static long declaredLength(byte[] frame) {
        int offset = HEADER_BYTES - 4;
        return ((frame[offset] & 0xFFL) << 24) | ((frame[offset + 1] & 0xFF) << 16) | ((frame[offset + 2] & 0xFF) << 8)
                | (frame[offset + 3] & 0xFF);
    }

    private static byte[] nonce(Side sender, long sequence) {
        byte[] nonce = new byte[SymmetricCipher.NONCE_BYTES];
        nonce[0] = (byte) sender.code;
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
        return nonce;
    }

    private static byte[] aad(Purpose purpose, Side sender, long sequence) {
        return new CanonicalWriter(Purpose.CHANNEL_FRAME).putBytes(AAD_PREFIX).putInt(purpose.tag())
                .putInt(sender.code).putLong(sequence).toBytes();
    }
}
