package org.ems.platform.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ems.crypto.AtRestCipher;
import org.ems.crypto.PrivateKeyVault;

/**
 * The master key that seals every private key stored in the database (AES-256-GCM). It lives in
 * a file beside the server's output, readable by the server's user only, and is generated on the
 * first start. Losing it makes the stored private keys unusable; back it up with the database.
 */
@ApplicationScoped
public class MasterKeyFile {

    private static final int KEY_BYTES = 32;

    @Inject
    @ConfigProperty(name = "ems.security.masterKeyFile")
    String masterKeyFile;

    @Inject
    SecureRandom random;

    @Produces
    @Singleton
    PrivateKeyVault vault() {
        return new PrivateKeyVault(readOrCreate(Path.of(masterKeyFile)));
    }

    @Produces
    @Singleton
    AtRestCipher atRestCipher() {
        return new AtRestCipher(readOrCreate(Path.of(masterKeyFile)), random);
    }

    private byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("master key file " + file + " holds " + key.length + " bytes, not " + KEY_BYTES);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }

    private void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            // CREATE_NEW: two servers racing on first start must not overwrite each other's key.
            Files.write(file, key, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // another start created it first: use theirs
        }
    }
}
