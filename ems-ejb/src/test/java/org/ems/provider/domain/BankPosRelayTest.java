package org.ems.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.LedgerAmount;
import org.junit.jupiter.api.Test;

class BankPosRelayTest {

    private static final BankId A = new BankId("BANKA");
    private static final BankId B = new BankId("BANKB");
    private final List<BankRequest> atA = new ArrayList<>();
    private final List<BankRequest> atB = new ArrayList<>();
    private final PosMessageFormat format = new EmsBankTextFormat();
    private final BankPosRelay relay = new BankPosRelay(format, Map.of(A, atA::add, B, atB::add));

    @Test
    void aPosTransferGoesToTheHostOfItsBankCodeOnly() {
        BankRequest toB = pos(account(B, "100"), account(B, "200"));

        assertThat(relay.relay(format.encodeRequest(toB))).isEqualTo(B);

        assertThat(atB).containsExactly(toB);
        assertThat(atA).isEmpty();
    }

    @Test
    void anUnknownBankCodeIsRefusedAndReachesNoBank() {
        BankId unknown = new BankId("BANKZ");
        BankRequest request = pos(account(unknown, "100"), account(unknown, "200"));

        assertThatThrownBy(() -> relay.relay(format.encodeRequest(request)))
                .isInstanceOfSatisfying(ProviderRefusedException.class, e -> assertThat(e.reason()).isEqualTo(ProviderRefusal.UNKNOWN_BANK));
        assertThat(atA).isEmpty();
        assertThat(atB).isEmpty();
    }

    @Test
    void malformedNonPosAndCrossBankMessagesAreRefused() {
        assertThatThrownBy(() -> relay.relay("EMS-BANK/1 REQUEST\nkind=POS_TRANSFER\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(ProviderRefusedException.class, e -> assertThat(e.reason()).isEqualTo(ProviderRefusal.MALFORMED_MESSAGE));
        BankRequest withdrawal = new BankRequest(UUID.randomUUID(), "k", BankRequest.Kind.WITHDRAWAL_TO_EMS, account(A, "100"),
                account(A, "900"), LedgerAmount.of(100, "JPY"), null, null, null);
        assertThatThrownBy(() -> relay.relay(format.encodeRequest(withdrawal)))
                .isInstanceOfSatisfying(ProviderRefusedException.class, e -> assertThat(e.reason()).isEqualTo(ProviderRefusal.NOT_BANK_POS));
        BankRequest cross = pos(account(A, "100"), account(B, "200"));
        assertThatThrownBy(() -> relay.relay(format.encodeRequest(cross)))
                .isInstanceOfSatisfying(ProviderRefusedException.class, e -> assertThat(e.reason()).isEqualTo(ProviderRefusal.CROSS_BANK));
        assertThat(atA).isEmpty();
        assertThat(atB).isEmpty();
    }

    private static BankRequest pos(AccountNumber debit, AccountNumber credit) {
        return new BankRequest(UUID.randomUUID(), "pos-1", BankRequest.Kind.POS_TRANSFER, debit, credit, LedgerAmount.of(500, "JPY"),
                "T-1", null, new byte[] {1, 2, 3});
    }

    private static AccountNumber account(BankId bank, String number) {
        return new AccountNumber(bank, "1", number);
    }
}
