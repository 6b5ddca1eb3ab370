package org.ems.money.domain;

/**
 * Port: what the payee already holds or has received (its notes and its transaction log), asked
 * by the duplicate check of figure 8 (steps 1598-1604). Implemented by the application over the
 * module's note directory and log.
 */
public interface NoteHistory {

    /** Whether the payee holds, or has ever received, the transfer that created this tree node. */
    boolean hasReceived(NoteTransferKey key);

    /** A history of a module that has received nothing (a new module; tests). */
    static NoteHistory empty() {
        return key -> false;
    }
}
