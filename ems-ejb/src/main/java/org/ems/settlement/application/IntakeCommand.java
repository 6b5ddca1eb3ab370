package org.ems.settlement.application;

/** What a trade message asks for: book the trade, or rescind it. */
public enum IntakeCommand {
    ADD,
    RESCIND
}
