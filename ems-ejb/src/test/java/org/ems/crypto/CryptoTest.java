package org.ems.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CryptoTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(KeyLength.class)
    void signsAndVerifiesOnEveryCurve(KeyLength length) {
        KeyPair keys = Crypto.generateKeyPair(length, RANDOM);
        assertThat(KeyLength.of(keys.getPublic())).isEqualTo(length);
        assertThat(KeyLength.of(keys.getPrivate())).isEqualTo(length);

        byte[] signature = Crypto.sign(keys.getPrivate(), PAYLOAD);

        assertThat(Crypto.verify(keys.getPublic(), PAYLOAD, signature)).isTrue();
        assertThat(Crypto.verify(keys.getPublic(), "payloaD".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }

    @Test
    void anotherKeysSignatureDoesNotVerify() {
        KeyPair mine = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        KeyPair other = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        assertThat(Crypto.verify(mine.getPublic(), PAYLOAD, Crypto.sign(other.getPrivate(), PAYLOAD))).isFalse();
    }

    @Test
    void malformedSignaturesAreFalseNeverExceptions() {
        KeyPair keys = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        byte[] signature = Crypto.sign(keys.getPrivate(), PAYLOAD);
        List<byte[]> malformed = new ArrayList<>();
        malformed.add(new byte[0]);
        malformed.add(new byte[] {0x30});
        malformed.add(new byte[70]);
        malformed.add(Arrays.copyOf(signature, signature.length - 1));
        malformed.add(Arrays.copyOf(signature, signature.length + 1));
        byte[] random = new byte[72];
        RANDOM.nextBytes(random);
        malformed.add(random);
        for (int i = 0; i < signature.length; i++) {
            byte[] flipped = signature.clone();
            flipped[i] ^= 0x01;
            malformed.add(flipped);
        }
        for (byte[] bad : malformed) {
            assertThat(Crypto.verify(keys.getPublic(), PAYLOAD, bad)).isFalse();
        }
        // and a good signature still verifies after all those failures
        assertThat(Crypto.verify(keys.getPublic(), PAYLOAD, signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(KeyLength.class)
    void signaturesAreLowSAndTheirHighSTwinIsRefused(KeyLength length) throws Exception {
        KeyPair keys = Crypto.generateKeyPair(length, RANDOM);
        BigInteger n = length.order();
        for (int i = 0; i < 20; i++) {
            byte[] signature = Crypto.sign(keys.getPrivate(), PAYLOAD);
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, signature);
            assertThat(rs[1]).isLessThanOrEqualTo(n.shiftRight(1));

            byte[] twin = StandardDSAEncoding.INSTANCE.encode(n, rs[0], n.subtract(rs[1]));
            // the twin is a mathematically valid ECDSA signature (the plain provider accepts it)...
            Signature plain = Crypto.newSignature(length);
            plain.initVerify(keys.getPublic());
            plain.update(PAYLOAD);
            assertThat(plain.verify(twin)).isTrue();
            // ...but not a valid EMS signature: its bytes were changed by someone without the key
            assertThat(Crypto.verify(keys.getPublic(), PAYLOAD, twin)).isFalse();
            assertThat(Crypto.verify(keys.getPublic(), PAYLOAD, signature)).isTrue();
        }
    }

    @Test
    void publicAndPrivateKeysRoundTrip() {
        KeyPair keys = Crypto.generateKeyPair(KeyLength.P384, RANDOM);
        assertThat(Crypto.decodePublicKey(keys.getPublic().getEncoded())).isEqualTo(keys.getPublic());
        byte[] signature = Crypto.sign(Crypto.decodePrivateKey(keys.getPrivate().getEncoded()), PAYLOAD);
        assertThat(Crypto.verify(keys.getPublic(), PAYLOAD, signature)).isTrue();
    }

    @Test
    void decodeRefusesGarbage() {
        assertThatThrownBy(() -> Crypto.decodePublicKey(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Crypto.decodePublicKey(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Crypto.decodePublicKey(new byte[5000])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5000 bytes"); // refused before parsing
        assertThatThrownBy(() -> Crypto.decodePrivateKey(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodeRefusesAPointOffTheCurve() {
        byte[] encoded = Crypto.generateKeyPair(KeyLength.P256, RANDOM).getPublic().getEncoded();
        encoded[encoded.length - 1] ^= 0x01; // last byte of y: the point leaves the curve
        assertThatThrownBy(() -> Crypto.decodePublicKey(encoded)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesKeysOnOtherCurvesOfTheSameSize() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.provider());
        generator.initialize(new ECGenParameterSpec("secp256k1"), RANDOM);
        KeyPair koblitz = generator.generateKeyPair();
        assertThatThrownBy(() -> KeyLength.of(koblitz.getPublic())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Crypto.decodePublicKey(koblitz.getPublic().getEncoded()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Crypto.sign(koblitz.getPrivate(), PAYLOAD)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNonEcKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair rsa = generator.generateKeyPair();
        assertThatThrownBy(() -> Crypto.verify(rsa.getPublic(), PAYLOAD, new byte[64])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Crypto.decodePublicKey(rsa.getPublic().getEncoded())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyLengthsResolveByBitsOnly() {
        assertThat(KeyLength.ofBits(521)).isEqualTo(KeyLength.P521);
        assertThatThrownBy(() -> KeyLength.ofBits(255)).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyLength.P384.isAtLeast(KeyLength.P256)).isTrue();
        assertThat(KeyLength.P256.isAtLeast(KeyLength.P384)).isFalse();
    }

    @Test
    void signingAndVerifyingAreSafeAcrossThreads() throws Exception {
        KeyPair keys = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                results.add(pool.submit(() -> {
                    boolean allGood = true;
                    for (int i = 0; i < 50; i++) {
                        byte[] payload = ("m" + i).getBytes(StandardCharsets.UTF_8);
                        byte[] signature = Crypto.sign(keys.getPrivate(), payload);
                        allGood &= Crypto.verify(keys.getPublic(), payload, signature);
                        allGood &= !Crypto.verify(keys.getPublic(), PAYLOAD, signature);
                    }
                    return allGood;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
