package org.ems.money.domain;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The note transfer tree of the patent's figure 17, built from any set of notes (one payment, or
 * all pieces returned to the bank): a node per transfer record, named by its chain digest, under
 * the node it was transferred out of; the root is the body. "If a transfer were duplicated then
 * the transfers below would sum to a value greater than the superordinate transfer amount":
 * {@link #overdrawnNode()} finds such a node. Records seen in several notes count once.
 */
public final class NoteTransferTree {

    private final Map<String, Money> inflow = new HashMap<>();
    private final Map<String, Map<String, Money>> children = new LinkedHashMap<>();

    /** Adds every node of the note's history (mutable builder: one tree per check, not shared). */
    public NoteTransferTree add(Note note) {
        String parent = hex(note.chainDigest(0));
        inflow.put(parent, note.body().amount());
        for (int i = 0; i < note.records().size(); i++) {
            String node = hex(note.chainDigest(i + 1));
            Money amount = note.records().get(i).amount();
            inflow.put(node, amount);
            children.computeIfAbsent(parent, key -> new LinkedHashMap<>()).put(node, amount);
            parent = node;
        }
        return this;
    }

    /** The first node whose transfers out sum to more than came into it, described; empty if none. */
    public Optional<String> overdrawnNode() {
        for (Map.Entry<String, Map<String, Money>> entry : children.entrySet()) {
            Money in = inflow.get(entry.getKey());
            Money out = Money.zero(in.currency());
            for (Money amount : entry.getValue().values()) {
                out = out.plus(amount);
            }
            if (out.isGreaterThan(in)) {
                return Optional.of("node " + entry.getKey().substring(0, 16) + " received " + in + " but passed on " + out);
            }
        }
        return Optional.empty();
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
