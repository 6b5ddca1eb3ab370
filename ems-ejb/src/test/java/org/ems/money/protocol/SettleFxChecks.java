package org.ems.money.protocol;

import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.USD;
import static org.ems.money.protocol.FxFixtures.GBP;
import static org.ems.money.protocol.SettleFxFixtures.EUR;
import static org.ems.money.protocol.SettleFxFixtures.JPY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.Money;
import org.ems.money.domain.NoteTransferKey;

/**
 * What must hold when a Settle Foreign Exchange has ended, whatever the faults: per currency no
 * value duplicated, and held + claimable failed commits = initial (every loss is a failed-commit
 * record at the transferee, with the very notes the transferor committed); per transfer the
 * transferor commits first; the first commit of all is S(X)'s (A's in a one-way payment); a
 * refusal of amounts changes no book; a completed exchange moves exactly the agreed amounts.
 */
final class SettleFxChecks {

    private final SettleFxState a;
    private final SettleFxState b;
    private final FxCommitOrder.Side first;
    private final List<String> commits;
    private final List<String> violations = new ArrayList<>();

    SettleFxChecks(SettleFxState a, SettleFxState b, FxCommitOrder.Side first, List<String> commits) {
        this.a = a;
        this.b = b;
        this.first = first;
        this.commits = List.copyOf(commits);
    }

    /** {@code hostsAgree}: each host expects what the peer gives; {@code faults}: faults injected. */
    List<String> check(SettlementAmounts aGives, SettlementAmounts bGives, boolean hostsAgree, int faults) {
        conserved(USD, a, b);
        conserved(JPY, a, b);
        conserved(GBP, b, a);
        conserved(EUR, b, a);
        order("A:send", "B:receive");
        order("B:send", "A:receive");
        FxCommitOrder.Side firstCommitter = bGives.isEmpty() ? FxCommitOrder.Side.A : first;
        if (!commits.isEmpty() && !commits.get(0).equals(firstCommitter + ":send")) {
            violations.add("first commit " + commits.get(0) + " but it must be " + firstCommitter + "'s");
        }
        Set<NoteTransferKey> nodesA = new HashSet<>();
        a.book().notes().notes().forEach(h -> nodesA.add(h.note().lastTransferKey()));
        b.book().notes().notes().stream().filter(h -> nodesA.contains(h.note().lastTransferKey()))
                .forEach(h -> violations.add("note node held by both: " + h.note().lastTransferKey()));
        boolean refused = a.outcome().equals(Optional.of(PaymentOutcome.AMOUNTS_REFUSED))
                || b.outcome().equals(Optional.of(PaymentOutcome.AMOUNTS_REFUSED));
        if (refused && (!Arrays.equals(a.book().encode(), SettleFxSimulation.BOOK_A.encode())
                || !Arrays.equals(b.book().encode(), SettleFxSimulation.BOOK_B.encode()))) {
            violations.add("amounts refused yet a book changed");
        }
        if (refused && hostsAgree) {
            violations.add("amounts refused although each host expected what the peer gives");
        }
        if (a.phase() == SettleFxState.Phase.COMMITTED && b.phase() == SettleFxState.Phase.COMMITTED) {
            moved(aGives, a, b);
            moved(bGives, b, a);
        }
        boolean affordable = SettleFxTransfers.choose(SettleFxSimulation.BOOK_A, aGives, NOW).isPresent()
                && SettleFxTransfers.choose(SettleFxSimulation.BOOK_B, bGives, NOW).isPresent();
        if (faults == 0 && hostsAgree && affordable
                && !(a.phase() == SettleFxState.Phase.COMMITTED && b.phase() == SettleFxState.Phase.COMMITTED)) {
            violations.add("no faults, agreed and affordable, yet no exchange: " + a.phase() + "/" + b.phase());
        }
        return violations;
    }

    /** {@code from} transfers {@code currency} (if at all) to {@code to}. */
    private void conserved(CurrencyCode currency, SettleFxState from, SettleFxState to) {
        long initial = initialBook(from).balance(currency).amountMinor() + initialBook(to).balance(currency).amountMinor();
        long held = from.book().balance(currency).amountMinor() + to.book().balance(currency).amountMinor();
        Optional<LogEntry> sent = from.book().log().last(from.conversation(), LogEntry.Direction.SENT);
        boolean committed = sent.map(e -> e.kind() == LogEntry.Kind.UNCONDITIONAL).orElse(false);
        long claimable = 0;
        for (LogEntry record : to.book().log().failedCommits()) {
            if (committed && sameNotes(record, sent.get(), currency)) {
                claimable += total(record, currency);
            }
        }
        if (held > initial) {
            violations.add(currency.code() + " duplicated: held " + held + " > " + initial);
        }
        if (held + claimable != initial) {
            violations.add(currency.code() + ": held " + held + " + claimable failed commits " + claimable + " != " + initial);
        }
    }

    /** The record names exactly the committed notes of this currency (ids and amounts). */
    private static boolean sameNotes(LogEntry failed, LogEntry committed, CurrencyCode currency) {
        Set<LoggedNote> sent = new HashSet<>(of(committed, currency));
        List<LoggedNote> claimed = of(failed, currency);
        return !claimed.isEmpty() && claimed.size() == sent.size() && sent.containsAll(claimed);
    }

    private static List<LoggedNote> of(LogEntry entry, CurrencyCode currency) {
        return entry.notes().stream().filter(n -> n.amount().currency().equals(currency)).toList();
    }

    private static long total(LogEntry entry, CurrencyCode currency) {
        return of(entry, currency).stream().mapToLong(n -> n.amount().amountMinor()).sum();
    }

    private void moved(SettlementAmounts amounts, SettleFxState from, SettleFxState to) {
        for (SettlementAmounts.Line line : amounts.lines()) {
            Money paid = initialBook(from).balance(line.amount().currency()).minus(from.book().balance(line.amount().currency()));
            Money got = to.book().balance(line.amount().currency()).minus(initialBook(to).balance(line.amount().currency()));
            if (!paid.equals(line.amount()) || !got.equals(line.amount())) {
                violations.add("agreed " + line.amount() + " but paid " + paid + ", received " + got);
            }
        }
    }

    private void order(String transferor, String transferee) {
        int t = commits.indexOf(transferor);
        int e = commits.indexOf(transferee);
        if (e >= 0 && (t < 0 || t > e)) {
            violations.add(transferee + " committed before " + transferor + ": " + commits);
        }
    }

    private static ModuleBook initialBook(SettleFxState state) {
        return state.me() == FxCommitOrder.Side.A ? SettleFxSimulation.BOOK_A : SettleFxSimulation.BOOK_B;
    }
}
