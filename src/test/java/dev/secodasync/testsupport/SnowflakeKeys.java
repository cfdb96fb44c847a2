package dev.secodasync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test RSA key pair for Snowflake key-pair sign-in, as PEM files hold it, and the JWT check. */
public final class SnowflakeKeys {

    /** One key pair for the test run (2048-bit RSA takes a moment to generate). */
    public static final KeyPair KEY_PAIR = generate();

    private SnowflakeKeys() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as an unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public static String unencryptedPkcs8Pem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEY_PAIR.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** PBES2 / AES-256-CBC / HMAC-SHA256, as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it. */
    public static String encryptedPkcs8Pem(String passphrase) throws OperatorCreationException, IOException {
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                .setIterationCount(2048)
                .setPassword(passphrase.toCharArray())
                // Explicit provider: the driver registers its own shaded BouncyCastle as "BC".
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .build();
        PemObject pem = new JcaPKCS8Generator(KEY_PAIR.getPrivate(), encryptor).generate();
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pem);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** SNOWFLAKE_JWT with an RS256 token signed by our key, with Snowflake's claims. */
    public static void assertJwt(FakeSnowflakeServer.Login login, String user) throws GeneralSecurityException {
        assertThat(login.data("AUTHENTICATOR")).isEqualTo("SNOWFLAKE_JWT");
        assertThat(login.data("PASSWORD")).isNull();
        String[] parts = login.data("TOKEN").split("\\.");
        assertThat(parts).hasSize(3);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(KEY_PAIR.getPublic());
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).as("JWT signature").isTrue();
        JsonNode claims = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(parts[1]));
        String fingerprint = "SHA256:" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(KEY_PAIR.getPublic().getEncoded()));
        assertThat(claims.path("sub").asString()).isEqualTo("FAKEACCOUNT." + user);
        assertThat(claims.path("iss").asString()).isEqualTo("FAKEACCOUNT." + user + "." + fingerprint);
    }
}
