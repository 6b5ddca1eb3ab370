package org.ems.money.domain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Identifies one node of a note's transfer tree (patent figure 17): the note, the node it was
 * transferred out of (the chain digest of everything before the record, which fixes the
 * transferor's own receipt), and the transferor's sequence number for that held note. Amount
 * and time are left out on purpose: a compromised module that resends "the same" transfer with
 * a reset sequence number produces the same key and is caught as a duplicate.
 */
public record NoteTransferKey(NoteId noteId, byte[] parentDigest, long sequence) {

    public NoteTransferKey {
        Objects.requireNonNull(noteId, "noteId");
        if (parentDigest.length != NoteChain.DIGEST_BYTES) {
            throw new IllegalArgumentException("parent digest of " + parentDigest.length + " bytes");
        }
        parentDigest = parentDigest.clone();
    }

    @Override
    public byte[] parentDigest() {
        return parentDigest.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteTransferKey that && noteId.equals(that.noteId) && sequence == that.sequence
                && Arrays.equals(parentDigest, that.parentDigest);
    }

    @Override
    public int hashCode() {
        return (noteId.hashCode() * 31 + Arrays.hashCode(parentDigest)) * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "NoteTransferKey[" + noteId + ", parent " + HexFormat.of().formatHex(parentDigest, 0, 8) + ", seq " + sequence + "]";
    }
}
