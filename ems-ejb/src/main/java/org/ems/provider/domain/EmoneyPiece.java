package org.ems.provider.domain;

import java.util.UUID;
import org.ems.bank.domain.LedgerAmount;

/**
 * Part of one issue, paid from a card to a merchant terminal (figure 7): the terminal keeps it
 * with the issue's authenticator, and the host checks at settlement that the issue is genuine,
 * that this piece (by its id, made by the card at the sale) was never settled before, and that
 * no more of the issue is settled than was issued.
 */
public record EmoneyPiece(UUID pieceId, EmoneyIssue issue, LedgerAmount amount) {

    public EmoneyPiece {
        if (pieceId == null || issue == null || amount == null || !amount.isPositive()) {
            throw new IllegalArgumentException("a piece has an id, names its issue and a positive amount");
        }
        if (!amount.sameCurrency(issue.amount()) || amount.minor() > issue.amount().minor()) {
            throw new IllegalArgumentException("a piece is at most its issue, in its currency");
        }
    }
}
