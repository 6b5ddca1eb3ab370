package org.ems.network.domain.signon;

import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.StableCode;
import org.ems.network.domain.Address;
import org.ems.network.domain.Codec;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.Outcome;
import org.ems.network.domain.ProcessedMessages;
import org.ems.network.domain.SecretValue;
import org.ems.security.domain.ModuleId;

/**
 * A network server's record of one sign-on: the module, the security server it was passed to,
 * K and V, and, once V came back right, the link to the destination. Immutable; the application
 * stores {@link #encode()} sealed at rest (it holds K and V), keyed by the conversation.
 *
 * <p>Invariants: FRESH holds nothing; AWAITING_VERIFICATION and LINKED hold module, security
 * server, K and V; only LINKED has a destination; an outcome exists exactly when LINKED or ENDED.
 * A module is linked only after returning the V that the security server released.
 */
public record NetworkServerState(Phase phase, ConversationId conversation, Optional<ModuleId> module,
        Optional<ModuleId> securityServer, Optional<SecretValue> k, Optional<SecretValue> v, Optional<Address> destination,
        Optional<Outcome> outcome, ProcessedMessages processed) {

    public enum Phase implements StableCode {
        FRESH(1), AWAITING_VERIFICATION(2), LINKED(3), ENDED(4);

        private final int code;

        Phase(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        static Phase ofCode(int code) {
            return StableCode.ofCode(Phase.class, code, "network server phase");
        }
    }

    private static final int VERSION = 1;

    public NetworkServerState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(processed, "processed");
        boolean holdsKeys = phase == Phase.AWAITING_VERIFICATION || phase == Phase.LINKED;
        if (holdsKeys && (module.isEmpty() || securityServer.isEmpty() || k.isEmpty() || v.isEmpty())) {
            throw new IllegalArgumentException(phase + " needs module, security server, K and V");
        }
        if (outcome.isPresent() != (phase == Phase.LINKED || phase == Phase.ENDED)) {
            throw new IllegalArgumentException("an outcome exists exactly when linked or ended");
        }
        if (destination.isPresent() && phase != Phase.LINKED) {
            throw new IllegalArgumentException("only a link has a destination");
        }
    }

    /** The state of a conversation the server has not seen: what the application passes for a first message. */
    public static NetworkServerState fresh(ConversationId conversation) {
        return new NetworkServerState(Phase.FRESH, conversation, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), ProcessedMessages.none());
    }

    /** Nothing pending: fresh, linked (a link lasts until sign-off) or ended. */
    public boolean isSettled() {
        return phase != Phase.AWAITING_VERIFICATION;
    }

    public boolean isLinked() {
        return phase == Phase.LINKED;
    }

    NetworkServerState awaiting(ModuleId moduleId, ModuleId ssId, SecretValue key, SecretValue verification) {
        return new NetworkServerState(Phase.AWAITING_VERIFICATION, conversation, Optional.of(moduleId), Optional.of(ssId),
                Optional.of(key), Optional.of(verification), Optional.empty(), Optional.empty(), processed);
    }

    NetworkServerState linked(Optional<Address> linkedDestination) {
        return new NetworkServerState(Phase.LINKED, conversation, module, securityServer, k, v, linkedDestination,
                Optional.of(Outcome.SIGNED_ON), processed);
    }

    /** Ended: K and V are forgotten, so a late E_K(V) can never link the module. */
    NetworkServerState ended(Outcome result) {
        return new NetworkServerState(Phase.ENDED, conversation, module, securityServer, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(result), processed);
    }

    NetworkServerState remembering(NetworkMessage message) {
        return new NetworkServerState(phase, conversation, module, securityServer, k, v, destination, outcome,
                processed.with(message));
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.NETWORK_SERVER_SIGN_ON_STATE).putInt(VERSION).putInt(phase.code);
        Codec.putConversation(writer, conversation);
        Codec.putOptional(writer, module, (w, id) -> w.putLong(id.value()));
        Codec.putOptional(writer, securityServer, (w, id) -> w.putLong(id.value()));
        Codec.putOptional(writer, k, (w, key) -> key.write(w));
        Codec.putOptional(writer, v, (w, value) -> value.write(w));
        Codec.putOptional(writer, destination, Address::write);
        Codec.putOptional(writer, outcome, (w, o) -> w.putInt(o.code()));
        processed.write(writer);
        return writer.toBytes();
    }

    public static NetworkServerState decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.NETWORK_SERVER_SIGN_ON_STATE);
        if (reader.getInt() != VERSION) {
            throw new MalformedEncodingException("unknown network server state version");
        }
        try {
            NetworkServerState state = new NetworkServerState(Phase.ofCode(reader.getInt()), Codec.getConversation(reader),
                    Codec.getOptional(reader, r -> new ModuleId(r.getLong())), Codec.getOptional(reader, r -> new ModuleId(r.getLong())),
                    Codec.getOptional(reader, SecretValue::read), Codec.getOptional(reader, SecretValue::read),
                    Codec.getOptional(reader, Address::read), Codec.getOptional(reader, r -> Outcome.ofCode(r.getInt())),
                    ProcessedMessages.read(reader));
            reader.end();
            return state;
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException("inconsistent network server state: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "NetworkServerState[" + phase + ", " + conversation + module.map(m -> ", module " + m).orElse("")
                + outcome.map(o -> ", " + o).orElse("") + "]";
    }
}
