package org.ems.network.domain;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;
import org.ems.crypto.Purpose;
import org.ems.crypto.SymmetricCipher;

/**
 * A module's connection through a network server after sign-on: which server, the sign-on
 * conversation that the server keeps the link under, the key K shared with it, and the
 * destination it linked (if any). The module keeps it (secret: it holds K) and hands it to the
 * sessions it starts, which then go through the server encrypted with K.
 */
public record NetworkLink(NetworkServerId networkServer, ConversationId linkConversation, SecretValue k,
        Optional<Address> destination) {

    public NetworkLink {
        Objects.requireNonNull(networkServer, "networkServer");
        Objects.requireNonNull(linkConversation, "linkConversation");
        Objects.requireNonNull(k, "k");
        Objects.requireNonNull(destination, "destination");
    }

    /** Whether sessions with {@code peer} go through the network server: only to the linked destination. */
    public boolean routesTo(Address peer) {
        return destination.map(peer::equals).orElse(false);
    }

    /** The message wrapped for the network server: E_K(message), which the server opens and passes to the destination. */
    public NetworkMessage relay(ModuleAddress self, NetworkMessage inner, SecureRandom random) {
        byte[] sealed = SymmetricCipher.seal(k.bytes(), Purpose.NETWORK_RELAY, inner.encode(), random);
        return new NetworkMessage(MessageKind.RELAY, linkConversation, self, networkServer, sealed);
    }

    public byte[] encode() {
        CanonicalWriter writer = new CanonicalWriter(Purpose.NETWORK_LINK);
        write(writer);
        return writer.toBytes();
    }

    public static NetworkLink decode(byte[] encoded) {
        CanonicalReader reader = new CanonicalReader(encoded, Purpose.NETWORK_LINK);
        NetworkLink link = read(reader);
        reader.end();
        return link;
    }

    public void write(CanonicalWriter writer) {
        Address.write(writer, networkServer);
        Codec.putConversation(writer, linkConversation);
        k.write(writer);
        Codec.putOptional(writer, destination, Address::write);
    }

    public static NetworkLink read(CanonicalReader reader) {
        Address server = Address.read(reader);
        if (!(server instanceof NetworkServerId networkServer)) {
            throw new MalformedEncodingException("a link's server must be a network server");
        }
        return new NetworkLink(networkServer, Codec.getConversation(reader), SecretValue.read(reader),
                Codec.getOptional(reader, Address::read));
    }

    @Override
    public String toString() {
        return "NetworkLink[" + networkServer + ", " + linkConversation + ", to " + destination.map(Object::toString).orElse("none") + "]";
    }
}
