package org.ems.bank.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.bank.domain.BankFixtures.jpy;
import static org.ems.bank.domain.BankFixtures.number;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.ems.bank.domain.BankRequest.Kind;
import org.junit.jupiter.api.Test;

/** The bank gateway's request and reply: canonical round trips, the documented bytes, and refusal of anything else. */
class GatewayMessagesTest {

    private static final UUID CORRELATION = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    private static final UUID ENTRY = UUID.fromString("00000000-0000-4000-8000-000000000001");

    private static BankRequest pos() {
        return new BankRequest(CORRELATION, "pos-42", Kind.POS_TRANSFER, number("100"), number("200"), jpy(2500),
                "POS-1", null, new byte[] {1, 2, 3});
    }

    @Test
    void aPosRequestHasTheDocumentedCanonicalForm() {
        String expected = "EMS-BANK/1 REQUEST\n"
                + "correlation=123e4567-e89b-12d3-a456-426614174000\n"
                + "key=pos-42\n"
                + "kind=POS_TRANSFER\n"
                + "debit=0001-001-100\n"
                + "credit=0001-001-200\n"
                + "amount=2500 JPY\n"
                + "terminal=POS-1\n"
                + "pinBlock=AQID\n";
        assertThat(new String(pos().encode(), StandardCharsets.US_ASCII)).isEqualTo(expected);
        assertThat(BankRequest.decode(expected.getBytes(StandardCharsets.US_ASCII))).isEqualTo(pos());
    }

    @Test
    void everyKindRoundTrips() {
        BankRequest[] requests = {
            pos(),
            new BankRequest(CORRELATION, "w-1", Kind.WITHDRAWAL_TO_EMS, number("100"), number("900"), jpy(1), null, null, null),
            new BankRequest(CORRELATION, "d-1", Kind.DEPOSIT_FROM_EMS, number("900"), number("100"),
                    LedgerAmount.of(LedgerAmount.MAX_ABS_MINOR, "USD"), null, null, null),
            new BankRequest(CORRELATION, "r-1", Kind.REVERSAL, null, null, null, null, ENTRY, null),
            new BankRequest(CORRELATION, null, Kind.IS_ACTIVE, number("100"), null, null, null, null, null)};
        for (BankRequest request : requests) {
            assertThat(BankRequest.decode(request.encode())).isEqualTo(request);
        }
        BankReply[] replies = {BankReply.approved(CORRELATION, ENTRY), BankReply.approved(CORRELATION, null),
            BankReply.refused(CORRELATION, BankRefusal.WRONG_PIN)};
        for (BankReply reply : replies) {
            assertThat(BankReply.decode(reply.encode())).isEqualTo(reply);
        }
    }

    @Test
    void aReplyHasTheDocumentedCanonicalForm() {
        assertThat(new String(BankReply.refused(CORRELATION, BankRefusal.INSUFFICIENT_FUNDS).encode(), StandardCharsets.US_ASCII))
                .isEqualTo("EMS-BANK/1 REPLY\ncorrelation=123e4567-e89b-12d3-a456-426614174000\noutcome=REFUSED\n"
                        + "reason=5 INSUFFICIENT_FUNDS\n");
    }

    @Test
    void nonCanonicalOrMalformedRequestsAreRefused() {
        String good = new String(pos().encode(), StandardCharsets.US_ASCII);
        String[] bad = {
            good.replace("key=pos-42\nkind=POS_TRANSFER\n", "kind=POS_TRANSFER\nkey=pos-42\n"), // reordered
            good + "key=pos-42\n",                                    // repeated
            good + "extra=1\n",                                       // unknown
            good.replace("\n", "\r\n"),                               // CRLF
            good.substring(0, good.length() - 1),                     // no final LF
            good.replace("REQUEST", "REPLY"),                         // wrong header
            good.replace("2500 JPY", "2500.00 JPY"),                  // not minor units
            good.replace("2500 JPY", "02500 JPY"),                    // leading zero
            good.replace("2500 JPY", "-2500 JPY"),                    // not positive
            good.replace("JPY", "jpy"),
            good.replace("terminal=POS-1\n", ""),                     // POS without terminal
            good.replace("0001-001-100", "0001-001-1x0"),
            good.replace("123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000"),
            good.replace("pos-42", "pos-\u00e942"),                   // not ASCII
            good.replace("AQID", "AQID="),                            // not canonical base64
            good + "x".repeat(GatewayText.MAX_BYTES),                 // too long
            ""};
        for (String text : bad) {
            assertThatThrownBy(() -> BankRequest.decode(text.getBytes(StandardCharsets.UTF_8)))
                    .as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> BankRequest.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedRepliesAreRefused() {
        String good = new String(BankReply.refused(CORRELATION, BankRefusal.WRONG_PIN).encode(), StandardCharsets.US_ASCII);
        String[] bad = {good.replace("7 WRONG_PIN", "7 UNKNOWN_TERMINAL"), good.replace("7 WRONG_PIN", "99 WRONG_PIN"),
            good.replace("outcome=REFUSED", "outcome=APPROVED"), good.replace("reason=7 WRONG_PIN\n", ""),
            good + "entry=" + ENTRY + "\n", good.replace("REPLY", "REQUEST")};
        for (String text : bad) {
            assertThatThrownBy(() -> BankReply.decode(text.getBytes(StandardCharsets.US_ASCII)))
                    .as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void requestsWhoseFieldsDoNotFitTheirKindAreRefused() {
        assertThatThrownBy(() -> new BankRequest(CORRELATION, "w", Kind.WITHDRAWAL_TO_EMS, number("1"), null, jpy(1), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BankRequest(CORRELATION, "w", Kind.WITHDRAWAL_TO_EMS, number("1"), number("2"), jpy(1), "T",
                null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BankRequest(CORRELATION, "r", Kind.REVERSAL, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BankRequest(CORRELATION, "q", Kind.IS_ACTIVE, number("1"), null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BankRequest(CORRELATION, "p", Kind.POS_TRANSFER, number("1"), number("2"), jpy(1), "T", null,
                new byte[BankRequest.MAX_PIN_BLOCK_BYTES + 1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BankReply(CORRELATION, BankReply.Outcome.REFUSED, BankRefusal.WRONG_PIN, ENTRY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePinBlockIsNeitherLoggedNorShared() {
        BankRequest request = pos();
        assertThat(request.toString()).doesNotContain("AQID").doesNotContain("pinBlock");
        byte[] block = request.pinBlock();
        block[0] = 9;
        assertThat(request.pinBlock()[0]).isEqualTo((byte) 1);
    }
}
