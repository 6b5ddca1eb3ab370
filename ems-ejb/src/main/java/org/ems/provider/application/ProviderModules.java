package org.ems.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.logging.Logger;
import org.ems.crypto.Crypto;
import org.ems.crypto.PrivateKeyVault;
import org.ems.money.domain.NoteVerifier;
import org.ems.money.protocol.PaymentVerifier;
import org.ems.provider.domain.CardPurse;
import org.ems.provider.domain.IssuingModule;
import org.ems.provider.domain.ProviderRefusal;
import org.ems.provider.domain.ProviderRefusedException;
import org.ems.provider.domain.Terminal;
import org.ems.security.application.SecurityServerService;
import org.ems.security.application.TrustAnchors;
import org.ems.security.domain.BadIdList;
import org.ems.security.domain.Certificate;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;

/**
 * The scheme's money modules and their keys: the provider's money generator and issuing teller,
 * each IC card's module and each merchant terminal's, all certified by the security server that
 * certified the provider's generator (as a bank's are), their private keys sealed at rest under
 * the server's master key with the owner as context (so no sealed key opens as another's). And
 * the verification of figure 8 of the money issue, with the hierarchy's current trusted lists.
 */
@ApplicationScoped
public class ProviderModules {

    private static final Logger LOG = Logger.getLogger(ProviderModules.class.getName());

    /** A module's new certificate and its private key, sealed. */
    record Certified(Certificate certificate, byte[] sealedKey) {
    }

    @PersistenceContext(unitName = "ems")
    EntityManager em;

    @Inject SecurityServerService securityServers;
    @Inject TrustAnchors trust;
    @Inject PrivateKeyVault vault;
    @Inject SecureRandom random;
    @Inject Clock clock;

    /**
     * Has {@code securityServer} certify the provider's money generator and issuing teller, once:
     * if they exist this changes nothing. Returns the generator's certificate.
     */
    public Certificate openIssuer(ModuleId securityServer) {
        IssuingModule generator = em.find(IssuingModule.class, IssuingModule.Kind.GENERATOR);
        if (generator != null) {
            return generator.certificate();
        }
        for (IssuingModule.Kind kind : IssuingModule.Kind.values()) {
            Certified certified = certify(securityServer, kind.role(), issuerOwner(kind));
            em.persist(new IssuingModule(kind, securityServer, certified.certificate(), certified.sealedKey(), clock.instant()));
        }
        em.flush();
        Certificate certificate = em.find(IssuingModule.class, IssuingModule.Kind.GENERATOR).certificate();
        LOG.info(() -> "provider money generator " + certificate.subjectId() + " certified by " + securityServer);
        return certificate;
    }

    /** A new TRANSACTION module for a card or a merchant terminal, certified by the provider's security server. */
    Certified certifyCard(String cardId) {
        return certify(issuer(IssuingModule.Kind.GENERATOR).securityServer(), ModuleRole.TRANSACTION, cardOwner(cardId));
    }

    Certified certifyTerminal(String terminalId) {
        return certify(issuer(IssuingModule.Kind.GENERATOR).securityServer(), ModuleRole.TRANSACTION, terminalOwner(terminalId));
    }

    /** The provider's issuing module; refused (WRONG_STATE) before {@link #openIssuer}. */
    IssuingModule issuer(IssuingModule.Kind kind) {
        IssuingModule module = em.find(IssuingModule.class, kind);
        if (module == null) {
            throw new ProviderRefusedException(ProviderRefusal.WRONG_STATE, "the provider's money generator is not certified yet");
        }
        return module;
    }

    PrivateKey key(IssuingModule module) {
        return vault.open(module.sealedPrivateKey(), issuerOwner(module.kind()));
    }

    PrivateKey cardKey(CardPurse card) {
        return vault.open(card.sealedPrivateKey(), cardOwner(card.cardId()));
    }

    /** Figure 8 of the money issue with the hierarchy's current bad-ID list, PSS keys and clock. */
    NoteVerifier verifier() {
        BadIdList badIds = trust.latestBadIds();
        return new NoteVerifier(trust.validator(badIds, clock), badIds);
    }

    /** How a transaction module {@code payee} verifies what it is paid. */
    PaymentVerifier payeeVerifier(ModuleId payee) {
        return PaymentVerifier.of(verifier(), payee, ModuleRole.TRANSACTION);
    }

    private Certified certify(ModuleId securityServer, ModuleRole role, String owner) {
        KeyPair keys = Crypto.generateKeyPair(trust.keyLengthPolicy().modules(), random);
        Certificate certificate = securityServers.certifyModule(securityServer, role, keys.getPublic().getEncoded());
        return new Certified(certificate, vault.seal(keys.getPrivate(), owner));
    }

    private static String issuerOwner(IssuingModule.Kind kind) {
        return "provider-host/issuer/" + kind;
    }

    private static String cardOwner(String cardId) {
        return "ic-card/" + cardId;
    }

    static String terminalOwner(String terminalId) {
        return "terminal/" + terminalId + "/money-module";
    }

    PrivateKey terminalKey(Terminal terminal) {
        return vault.open(terminal.moduleKeySealed(), terminalOwner(terminal.terminalId()));
    }
}
