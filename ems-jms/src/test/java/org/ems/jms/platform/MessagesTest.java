package org.ems.jms.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void readsTheWholeBodyOfABytesMessage() throws Exception {
        assertThat(Messages.body(bytesMessage(new byte[] {7, 8, 9}, Map.of()))).containsExactly(7, 8, 9);
    }

    @Test
    void refusesOtherMessageKindsAsNeverProcessable() {
        TextMessage text = fake(TextMessage.class, Map.of());
        assertThatThrownBy(() -> Messages.body(text)).isInstanceOf(RejectedMessageException.class)
                .hasMessageContaining("BytesMessage");
    }

    @Test
    void refusesAnOversizeBodyBeforeReadingIt() {
        BytesMessage huge = fake(BytesMessage.class, Map.of("getBodyLength", (long) MessageContract.MAX_BODY_BYTES + 1));
        assertThatThrownBy(() -> Messages.body(huge)).isInstanceOf(RejectedMessageException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void checksTheMessageType() throws Exception {
        Message typed = bytesMessage(new byte[0], Map.of("getStringProperty", "security.badIdList"));
        Messages.requireType(typed, "security.badIdList");
        assertThatThrownBy(() -> Messages.requireType(typed, "settlement.netPositions"))
                .isInstanceOf(RejectedMessageException.class);
    }

    private static BytesMessage bytesMessage(byte[] body, Map<String, Object> answers) {
        Map<String, Object> all = new java.util.HashMap<>(answers);
        all.put("getBodyLength", (long) body.length);
        return (BytesMessage) Proxy.newProxyInstance(MessagesTest.class.getClassLoader(), new Class<?>[] {BytesMessage.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("readBytes")) {
                        byte[] target = (byte[]) args[0];
                        System.arraycopy(body, 0, target, 0, body.length);
                        return body.length;
                    }
                    return all.get(method.getName());
                });
    }

    /** A message of the given kind answering the named methods with the given values, others with null. */
    private static <T extends Message> T fake(Class<T> kind, Map<String, Object> answers) {
        return kind.cast(Proxy.newProxyInstance(MessagesTest.class.getClassLoader(), new Class<?>[] {kind},
                (proxy, method, args) -> answers.get(method.getName())));
    }
}
