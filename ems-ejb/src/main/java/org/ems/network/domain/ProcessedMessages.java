package org.ems.network.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.CanonicalWriter;
import org.ems.crypto.MalformedEncodingException;

/**
 * The digests of the last inputs a party accepted in one conversation, so that a redelivered
 * copy is recognised and changes nothing twice (DESIGN.md invariant 6). A redelivery cannot be
 * told from an attacker's exact replay, and need not be: ignoring either changes nothing. Any
 * altered or stale message is not a copy and meets the protocol's own checks.
 *
 * <p>Bounded to the last {@link #CAPACITY} inputs, more than any one conversation of sign-on or
 * establish session accepts at one party; older digests fall out. Immutable.
 */
public final class ProcessedMessages {

    public static final int CAPACITY = 32;
    private static final ProcessedMessages NONE = new ProcessedMessages(List.of());

    private final List<byte[]> digests;

    private ProcessedMessages(List<byte[]> digests) {
        this.digests = digests;
    }

    public static ProcessedMessages none() {
        return NONE;
    }

    public boolean contains(NetworkMessage message) {
        byte[] digest = message.digest();
        return digests.stream().anyMatch(d -> Arrays.equals(d, digest));
    }

    /** This set plus the message's digest, dropping the oldest beyond the capacity. */
    public ProcessedMessages with(NetworkMessage message) {
        List<byte[]> next = new ArrayList<>(digests);
        next.add(message.digest());
        while (next.size() > CAPACITY) {
            next.remove(0);
        }
        return new ProcessedMessages(List.copyOf(next));
    }

    public int size() {
        return digests.size();
    }

    public void write(CanonicalWriter writer) {
        writer.putInt(digests.size());
        digests.forEach(writer::putBytes);
    }

    public static ProcessedMessages read(CanonicalReader reader) {
        int count = reader.getInt();
        if (count < 0 || count > CAPACITY) {
            throw new MalformedEncodingException(count + " processed digests, limit " + CAPACITY);
        }
        List<byte[]> digests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] digest = reader.getBytes(NetworkMessage.DIGEST_BYTES);
            if (digest.length != NetworkMessage.DIGEST_BYTES) {
                throw new MalformedEncodingException("digest of " + digest.length + " bytes");
            }
            digests.add(digest);
        }
        return new ProcessedMessages(List.copyOf(digests));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ProcessedMessages that) || that.digests.size() != digests.size()) {
            return false;
        }
        for (int i = 0; i < digests.size(); i++) {
            if (!Arrays.equals(digests.get(i), that.digests.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return digests.stream().mapToInt(Arrays::hashCode).reduce(17, (a, b) -> 31 * a + b);
    }
}
