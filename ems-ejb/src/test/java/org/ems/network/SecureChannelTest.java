package org.ems.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.Purpose;
import org.ems.network.domain.ChannelRejection;
import org.ems.network.domain.SecretValue;
import org.ems.network.domain.SecureChannel;
import org.ems.network.domain.SecureChannel.Side;
import org.junit.jupiter.api.Test;

/** The session channel refuses every replayed, reordered, truncated, tampered or unexpected frame, and stays closed after. */
class SecureChannelTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final Set<Purpose> KEEPALIVE = Set.of(Purpose.SESSION_KEEPALIVE);

    final SecretValue key = SecretValue.random(RANDOM);
    SecureChannel a = SecureChannel.open(key, Side.INITIATOR);
    SecureChannel b = SecureChannel.open(key, Side.RESPONDER);

    byte[] aSends(String text) {
        SecureChannel.Sealed sealed = a.seal(Purpose.SESSION_KEEPALIVE, text.getBytes());
        a = sealed.channel();
        return sealed.frame();
    }

    SecureChannel.Receipt bReceives(byte[] frame) {
        SecureChannel.Receipt receipt = b.open(frame, KEEPALIVE);
        b = receipt.channel();
        return receipt;
    }

    @Test
    void framesOpenInOrderInBothDirections() {
        assertThat(((SecureChannel.Opened) bReceives(aSends("one"))).payload()).isEqualTo("one".getBytes());
        assertThat(((SecureChannel.Opened) bReceives(aSends("two"))).payload()).isEqualTo("two".getBytes());
        SecureChannel.Sealed reply = b.seal(Purpose.SESSION_KEEPALIVE, "back".getBytes());
        assertThat(((SecureChannel.Opened) a.open(reply.frame(), KEEPALIVE)).payload()).isEqualTo("back".getBytes());
        assertThat(b.nextReceiveSequence()).isEqualTo(2);
        assertThat(reply.channel().nextSendSequence()).isEqualTo(1);
    }

    @Test
    void aReplayIsRefusedAndClosesTheChannel() {
        byte[] first = aSends("pay 10");
        bReceives(first);
        assertRejected(bReceives(first), ChannelRejection.REPLAYED);
        assertRejected(bReceives(aSends("next")), ChannelRejection.CLOSED);
    }

    @Test
    void aReorderedOrSkippedFrameIsRefused() {
        aSends("first");
        byte[] second = aSends("second");
        assertRejected(bReceives(second), ChannelRejection.OUT_OF_ORDER);
    }

    @Test
    void aTruncatedFrameIsRefused() {
        byte[] frame = aSends("truncate me");
        assertRejected(bReceives(Arrays.copyOf(frame, frame.length - 1)), ChannelRejection.TRUNCATED);
        assertRejected(SecureChannel.open(key, Side.RESPONDER).open(Arrays.copyOf(frame, 10), KEEPALIVE), ChannelRejection.TRUNCATED);
    }

    @Test
    void aTamperedFrameIsRefused() {
        byte[] frame = aSends("amount 10");
        frame[frame.length - 20] ^= 0x01;
        assertRejected(bReceives(frame), ChannelRejection.TAMPERED);
    }

    @Test
    void anUnexpectedPurposeIsRefusedAndARelabelledOneFailsAuthentication() {
        SecureChannel.Sealed ack = a.seal(Purpose.SESSION_ACK, new byte[] {1});
        assertRejected(SecureChannel.open(key, Side.RESPONDER).open(ack.frame(), KEEPALIVE), ChannelRejection.WRONG_PURPOSE);
        byte[] relabelled = ack.frame();
        int keepalive = Purpose.SESSION_KEEPALIVE.tag();
        for (int i = 0; i < 4; i++) {
            relabelled[4 + i] = (byte) (keepalive >>> (24 - 8 * i));
        }
        assertRejected(SecureChannel.open(key, Side.RESPONDER).open(relabelled, KEEPALIVE), ChannelRejection.TAMPERED);
    }

    @Test
    void aFrameReflectedToItsSenderOrOpenedUnderAnotherKeyFails() {
        byte[] frame = aSends("reflect");
        assertRejected(SecureChannel.open(key, Side.INITIATOR).open(frame, KEEPALIVE), ChannelRejection.TAMPERED);
        assertRejected(SecureChannel.open(SecretValue.random(RANDOM), Side.RESPONDER).open(frame, KEEPALIVE), ChannelRejection.TAMPERED);
    }

    @Test
    void somethingThatIsNotAFrameIsMalformed() {
        byte[] notAFrame = new CanonicalWriter(Purpose.NETWORK_MESSAGE).putBytes(new byte[40]).toBytes();
        assertRejected(bReceives(notAFrame), ChannelRejection.MALFORMED);
    }

    @Test
    void aClosedChannelSealsNothingAndItsStateRoundTrips() {
        bReceives(aSends("x"));
        SecureChannel closed = b.close();
        assertThatThrownBy(() -> closed.seal(Purpose.SESSION_KEEPALIVE, new byte[0])).isInstanceOf(IllegalStateException.class);
        for (SecureChannel channel : new SecureChannel[] {a, b, closed}) {
            CanonicalWriter writer = new CanonicalWriter(Purpose.CHANNEL_FRAME);
            channel.write(writer);
            CanonicalReader reader = new CanonicalReader(writer.toBytes(), Purpose.CHANNEL_FRAME);
            assertThat(SecureChannel.read(reader)).isEqualTo(channel);
            reader.end();
        }
    }

    static void assertRejected(SecureChannel.Receipt receipt, ChannelRejection reason) {
        assertThat(receipt).isInstanceOf(SecureChannel.Rejected.class);
        assertThat(((SecureChannel.Rejected) receipt).reason()).isEqualTo(reason);
        assertThat(receipt.channel().isOpen()).isFalse();
    }
}
