package org.ems.money.teller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.crypto.PrivateKeyVault;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;
import org.ems.network.domain.HostedModule;
import org.ems.network.domain.NetworkRepository;

/**
 * A bank's money generator: creates and signs a fresh note and makes its first transfer, of the
 * whole amount, to the bank's teller; counts the value issued, in the caller's transaction.
 */
@ApplicationScoped
public class MoneyGenerator {

    @Inject NetworkRepository network;
    @Inject TellerRepository tellers;
    @Inject PrivateKeyVault vault;
    @Inject SecureRandom random;
    @Inject Clock clock;
    @Inject @ConfigProperty(name = "ems.money.noteLifetimeDays", defaultValue = "365") int noteLifetimeDays;

    public Note issue(TellerDesk desk, Money value) {
        HostedModule generator = network.findModule(desk.generator())
                .orElseThrow(() -> new IllegalStateException("the money generator of " + desk.bank() + " is not hosted here"));
        HostedModule teller = network.findModule(desk.teller())
                .orElseThrow(() -> new IllegalStateException("the teller of " + desk.bank() + " is not hosted here"));
        // Dated by the teller's clock, so that the teller's transfer never predates the issue.
        Instant now = clock.instant().plus(teller.clockOffset()).truncatedTo(ChronoUnit.MILLIS);
        NoteBody body = new NoteBody(NoteId.random(random), generator.id(), desk.bank().code(), now,
                now.plus(Duration.ofDays(noteLifetimeDays)), value, NoteType.CURRENCY);
        Note note = Note.issue(generator.certificate(), vault.open(generator.sealedPrivateKey()), body, teller.id());
        tellers.circulation(desk.bank(), value.currency()).issue(value);
        return note;
    }
}
