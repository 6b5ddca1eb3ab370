package org.ems.web.rest.settlement;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;
import org.ems.network.domain.ConversationId;
import org.ems.security.domain.ModuleId;
import org.ems.settlement.gross.InstructionView;
import org.ems.settlement.gross.domain.InstructionId;
import org.ems.settlement.gross.domain.SettlementBasis;
import org.ems.settlement.gross.domain.SettlementInstruction;

/** Gross and bilateral settlement instructions (figure 28) as the REST API takes and shows them. */
public final class InstructionJson {

    private InstructionJson() {
    }

    /** One amount a side sends: the type of note (CURRENCY by default, or CREDIT), minor units and ISO 4217 currency. */
    public record Line(String type, long minor, String currency) {
    }

    /**
     * An instruction: id (the idempotency key), basis (GROSS or BILATERAL), the two CSAs' money
     * modules, their session (32 hex digits), what each sends, and the settlement time (ISO 8601).
     */
    public record Request(String id, String basis, Long a, Long b, String session, List<Line> aSends, List<Line> bSends, String settleAt) {

        /** The domain's instruction; any missing or malformed field is an {@code IllegalArgumentException}. */
        SettlementInstruction parse() {
            if (id == null || basis == null || a == null || b == null || session == null || settleAt == null) {
                throw new IllegalArgumentException("id, basis, a, b, session and settleAt are required (aSends, bSends: lists of amounts)");
            }
            SettlementBasis parsedBasis;
            try {
                parsedBasis = SettlementBasis.valueOf(basis);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("basis is GROSS or BILATERAL, not " + basis);
            }
            Instant time;
            try {
                time = Instant.parse(settleAt);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("settleAt is an ISO 8601 instant: " + settleAt);
            }
            return new SettlementInstruction(new InstructionId(id), parsedBasis, new ModuleId(a), new ModuleId(b),
                    ConversationId.parse(session), amounts("aSends", aSends), amounts("bSends", bSends), time);
        }
    }

    static SettlementAmounts amounts(String field, List<Line> lines) {
        if (lines == null) {
            return SettlementAmounts.none();
        }
        if (lines.size() > SettlementAmounts.MAX_LINES) {
            throw new IllegalArgumentException(field + ": " + lines.size() + " amounts, at most " + SettlementAmounts.MAX_LINES);
        }
        List<SettlementAmounts.Line> parsed = new ArrayList<>();
        for (Line line : lines) {
            if (line == null || line.currency() == null) {
                throw new IllegalArgumentException(field + ": every amount has minor and currency");
            }
            NoteType type;
            try {
                type = line.type() == null ? NoteType.CURRENCY : NoteType.valueOf(line.type());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": the type of note is CURRENCY or CREDIT, not " + line.type());
            }
            parsed.add(new SettlementAmounts.Line(type, Money.of(CurrencyCode.of(line.currency()), line.minor())));
        }
        return new SettlementAmounts(parsed);
    }

    static List<Line> lines(SettlementAmounts amounts) {
        return amounts.lines().stream().map(l -> new Line(l.type().name(), l.amount().amountMinor(), l.amount().currency().code())).toList();
    }

    /** A side's notification: SUCCESS or FAILED and why. */
    public record Notice(String notification, String reason) {
    }

    /** An instruction as stored: its terms, phase, Settle FX conversation, each side's notification, when decided and finished. */
    public record Instruction(String id, String basis, long a, long b, String session, List<Line> aSends, List<Line> bSends, String settleAt,
                              String phase, String settlement, Notice notifiedA, Notice notifiedB, String decidedAt, String finishedAt) {

        static Instruction of(InstructionView v) {
            SettlementInstruction i = v.instruction();
            return new Instruction(i.id().value(), i.basis().name(), i.a().value(), i.b().value(), i.session().toString(), lines(i.aSends()),
                    lines(i.bSends()), i.settleAt().toString(), v.phase().name(), v.settlement().map(Object::toString).orElse(null),
                    v.notifiedA().map(n -> new Notice(n.name(), v.reasonA().orElse(null))).orElse(null),
                    v.notifiedB().map(n -> new Notice(n.name(), v.reasonB().orElse(null))).orElse(null),
                    v.decidedAt().map(Instant::toString).orElse(null), v.finishedAt().map(Instant::toString).orElse(null));
        }
    }
}
