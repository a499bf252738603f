package dev.corridor.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import org.junit.jupiter.api.Test;

/** Whether a private key belongs to a certificate: RSA by arithmetic, everything else by a test signature. */
class KeyPairCheckTest {
    private static final RSAPrivateCrtKey ALICE = (RSAPrivateCrtKey) TestPki.CLIENT_RSA.privateKey();

    private static PrivateKey rsa(BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger dP, BigInteger dQ,
            BigInteger qInv) throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(p.multiply(q), e, d, p, q, dP,
                dQ, qInv));
    }

    @Test
    void matchingKeysBelongToTheirCertificates() {
        assertThat(KeyPairCheck.belongTogether(ALICE, TestPki.CLIENT_RSA.certificate().getPublicKey())).isTrue();
        assertThat(KeyPairCheck.belongTogether(TestPki.CLIENT_EC.privateKey(),
                TestPki.CLIENT_EC.certificate().getPublicKey())).isTrue();
    }

    @Test
    void anotherCertificatesKeyDoesNotBelong() {
        assertThat(KeyPairCheck.belongTogether(TestPki.SERVER.privateKey(),
                TestPki.CLIENT_RSA.certificate().getPublicKey())).isFalse();
        assertThat(KeyPairCheck.belongTogether(TestPki.SERVER_EC.privateKey(),
                TestPki.CLIENT_EC.certificate().getPublicKey())).isFalse();
        assertThat(KeyPairCheck.belongTogether(TestPki.CLIENT_EC.privateKey(),
                TestPki.CLIENT_RSA.certificate().getPublicKey())).isFalse();
        assertThat(KeyPairCheck.belongTogether(ALICE, TestPki.CLIENT_EC.certificate().getPublicKey())).isFalse();
    }

    @Test
    void aKeyWithTheRightModulusButBrokenParametersDoesNotBelong() throws Exception {
        BigInteger e = ALICE.getPublicExponent();
        BigInteger d = ALICE.getPrivateExponent();
        BigInteger p = ALICE.getPrimeP();
        BigInteger q = ALICE.getPrimeQ();
        BigInteger dP = ALICE.getPrimeExponentP();
        BigInteger dQ = ALICE.getPrimeExponentQ();
        BigInteger qInv = ALICE.getCrtCoefficient();
        var certificateKey = TestPki.CLIENT_RSA.certificate().getPublicKey();
        assertThat(KeyPairCheck.belongTogether(rsa(e, d, p, q, dP, dQ, qInv), certificateKey)).isTrue();
        BigInteger two = BigInteger.TWO;
        assertThat(KeyPairCheck.belongTogether(rsa(e, d, p, q, dP.add(two), dQ, qInv), certificateKey)).isFalse();
        assertThat(KeyPairCheck.belongTogether(rsa(e, d, p, q, dP, dQ.add(two), qInv), certificateKey)).isFalse();
        assertThat(KeyPairCheck.belongTogether(rsa(e, d, p, q, dP, dQ, qInv.add(BigInteger.ONE)), certificateKey))
                .isFalse();
        assertThat(KeyPairCheck.belongTogether(rsa(e, d.add(two), p, q, dP, dQ, qInv), certificateKey)).isFalse();
        // the modulus is p·q: another public exponent with the same primes is not the certificate's key
        assertThat(KeyPairCheck.belongTogether(rsa(BigInteger.valueOf(3), d, p, q, dP, dQ, qInv), certificateKey))
                .isFalse();
        // p·q ≠ n: the key claims the certificate's modulus but its primes make another one
        PrivateKey wrongPrimes = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                ALICE.getModulus(), e, d, p.add(two), q, dP, dQ, qInv));
        assertThat(KeyPairCheck.belongTogether(wrongPrimes, certificateKey)).isFalse();
    }

    @Test
    void anRsaKeyWithoutCrtParametersIsCheckedBySigning() throws Exception {
        PrivateKey plain = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(ALICE.getModulus(),
                ALICE.getPrivateExponent()));
        assertThat(KeyPairCheck.belongTogether(plain, TestPki.CLIENT_RSA.certificate().getPublicKey())).isTrue();
        assertThat(KeyPairCheck.belongTogether(plain, TestPki.SERVER.certificate().getPublicKey())).isFalse();
    }
}
