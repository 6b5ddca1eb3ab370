package org.ems.jms.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Message;
import java.lang.reflect.Proxy;
import org.ems.bank.domain.BankId;
import org.ems.jms.platform.RejectedMessageException;
import org.junit.jupiter.api.Test;

class BankMessagesTest {

    @Test
    void readsTheAddressedBank() throws Exception {
        assertThat(BankMessages.bank(withBank("BANKA"))).isEqualTo(new BankId("BANKA"));
    }

    @Test
    void aMissingOrMalformedBankCodeCanNeverSucceed() {
        assertThatThrownBy(() -> BankMessages.bank(withBank(null))).isInstanceOf(RejectedMessageException.class);
        assertThatThrownBy(() -> BankMessages.bank(withBank("bank a"))).isInstanceOf(RejectedMessageException.class);
    }

    private static Message withBank(String code) {
        return (Message) Proxy.newProxyInstance(Message.class.getClassLoader(), new Class<?>[] {Message.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getStringProperty") && BankMessages.BANK.equals(args[0])) {
                        return code;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
