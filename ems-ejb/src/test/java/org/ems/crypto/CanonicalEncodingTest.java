package org.ems.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTest {

    @Property(tries = 300)
    void roundTripsEveryFieldKind(@ForAll long l, @ForAll int i, @ForAll @Size(max = 2000) byte[] bytes,
            @ForAll("validUnicode") String text, @ForAll long millis) {
        Instant instant = Instant.ofEpochMilli(millis);
        byte[] encoded = new CanonicalWriter(Purpose.BAD_ID_LIST)
                .putLong(l).putInt(i).putBytes(bytes).putString(text).putInstant(instant).toBytes();

        CanonicalReader reader = new CanonicalReader(encoded, Purpose.BAD_ID_LIST);
        assertThat(reader.getLong()).isEqualTo(l);
        assertThat(reader.getInt()).isEqualTo(i);
        assertThat(reader.getBytes()).isEqualTo(bytes);
        assertThat(reader.getString(Integer.MAX_VALUE)).isEqualTo(text);
        assertThat(reader.getInstant()).isEqualTo(instant);
        reader.end();
    }

    @Provide
    Arbitrary<String> validUnicode() {
        // unpaired surrogates are refused by the writer (tested below), so generate around them
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD').ofMaxLength(300);
    }

    @Test
    void encodingStartsWithThePurposeTagBigEndian() {
        byte[] encoded = new CanonicalWriter(Purpose.MODULE_CERTIFICATE).putInt(0x01020304).toBytes();
        assertThat(encoded).containsExactly(0, 0, 0, 102, 1, 2, 3, 4);
        assertThat(CanonicalReader.peekPurpose(encoded)).isEqualTo(Purpose.MODULE_CERTIFICATE);
    }

    @Test
    void refusesAnotherPurpose() {
        byte[] encoded = new CanonicalWriter(Purpose.BAD_ID_LIST).putLong(1).toBytes();
        assertThatThrownBy(() -> new CanonicalReader(encoded, Purpose.PSS_KEY_LIST))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("PSS_KEY_LIST");
    }

    @Test
    void refusesDataTooShortForATag() {
        assertThatThrownBy(() -> CanonicalReader.peekPurpose(new byte[3])).isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void writerStopsAtItsTotalLimit() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.BAD_ID_LIST);
        assertThatThrownBy(() -> writer.putBytes(new byte[CanonicalWriter.MAX_TOTAL_BYTES])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesUnknownTag() {
        assertThatThrownBy(() -> CanonicalReader.peekPurpose(new byte[] {0, 0, 0x7F, 0x7F}))
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void refusesTruncatedDataAtEveryLength() {
        byte[] encoded = new CanonicalWriter(Purpose.BAD_ID_LIST).putLong(7).putBytes(new byte[] {1, 2, 3}).toBytes();
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> {
                CanonicalReader reader = new CanonicalReader(truncated, Purpose.BAD_ID_LIST);
                reader.getLong();
                reader.getBytes();
                reader.end();
            }).as("length %d", length).isInstanceOf(MalformedEncodingException.class);
        }
    }

    @Test
    void refusesTrailingBytes() {
        byte[] encoded = new CanonicalWriter(Purpose.BAD_ID_LIST).putLong(7).putInt(0).toBytes();
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.BAD_ID_LIST);
        reader.getLong();
        assertThatThrownBy(reader::end).isInstanceOf(MalformedEncodingException.class).hasMessageContaining("4 trailing");
    }

    @Test
    void refusesLengthsOverTheLimitAndNegativeLengths() {
        byte[] big = new CanonicalWriter(Purpose.BAD_ID_LIST).putBytes(new byte[100]).toBytes();
        assertThatThrownBy(() -> new CanonicalReader(big, Purpose.BAD_ID_LIST).getBytes(99))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("100");
        assertThat(new CanonicalReader(big, Purpose.BAD_ID_LIST).getBytes(100)).hasSize(100);

        byte[] negative = new CanonicalWriter(Purpose.BAD_ID_LIST).putInt(-1).toBytes();
        assertThatThrownBy(() -> new CanonicalReader(negative, Purpose.BAD_ID_LIST).getBytes())
                .isInstanceOf(MalformedEncodingException.class);

        byte[] huge = new CanonicalWriter(Purpose.BAD_ID_LIST).putInt(CanonicalReader.DEFAULT_MAX_BYTES + 1).toBytes();
        assertThatThrownBy(() -> new CanonicalReader(huge, Purpose.BAD_ID_LIST).getBytes())
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] encoded = new CanonicalWriter(Purpose.BAD_ID_LIST).putBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).toBytes();
        assertThatThrownBy(() -> new CanonicalReader(encoded, Purpose.BAD_ID_LIST).getString())
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void writerRefusesWhatCouldNotRoundTrip() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.BAD_ID_LIST);
        assertThatThrownBy(() -> writer.putInstant(Instant.ofEpochSecond(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sub-millisecond");
        assertThatThrownBy(() -> writer.putString("\uD800"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.putInstant(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void surrogatePairsRoundTrip() {
        String text = "caf\u00e9 \uD83D\uDCB6";
        byte[] encoded = new CanonicalWriter(Purpose.BAD_ID_LIST).putString(text).toBytes();
        assertThat(new CanonicalReader(encoded, Purpose.BAD_ID_LIST).getString()).isEqualTo(text);
    }

    @Test
    void readerCopiesItsInput() {
        byte[] encoded = new CanonicalWriter(Purpose.BAD_ID_LIST).putLong(5).toBytes();
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.BAD_ID_LIST);
        encoded[encoded.length - 1] = 9;
        assertThat(reader.getLong()).isEqualTo(5);
    }

    @Test
    void purposeTagsAreUniqueAndResolve() {
        for (Purpose purpose : Purpose.values()) {
            assertThat(Purpose.ofTag(purpose.tag())).isSameAs(purpose);
        }
        assertThat(Arrays.stream(Purpose.values()).mapToInt(Purpose::tag).distinct().count()).isEqualTo(Purpose.values().length);
    }
}
