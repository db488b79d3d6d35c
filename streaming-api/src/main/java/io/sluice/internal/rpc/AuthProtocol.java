package io.sluice.internal.rpc;

import io.sluice.core.SluiceException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge–response both ends compute. The client proves itself with
 * HMAC-SHA256(secret, "client label" || serverNonce || clientNonce), the server answers with
 * HMAC-SHA256(secret, "server label" || clientNonce || serverNonce). The labels keep the two proofs
 * distinct, so neither can be replayed or reflected as the other; fresh nonces on both sides make
 * every proof single-use.
 */
final class AuthProtocol {
  static final int NONCE_BYTES = 32;
  static final int PROOF_BYTES = 32;
  /** Shorter secrets make the HMAC guessable offline from one recorded handshake. */
  static final int MIN_SECRET_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] CLIENT_LABEL = "sluice-rpc-client-proof-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SERVER_LABEL = "sluice-rpc-server-proof-v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private AuthProtocol() {}

  static byte[] nonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  static byte[] clientProof(byte[] secret, byte[] serverNonce, byte[] clientNonce) {
    return hmac(secret, CLIENT_LABEL, serverNonce, clientNonce);
  }

  static byte[] serverProof(byte[] secret, byte[] serverNonce, byte[] clientNonce) {
    return hmac(secret, SERVER_LABEL, clientNonce, serverNonce);
  }

  /** Constant-time comparison, so response timing reveals nothing about how much of a proof was right. */
  static boolean matches(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  /** A defensive copy of a caller's secret, or null for "no authentication"; rejects secrets too short to be safe. */
  static byte[] checkedCopy(byte[] secret) {
    if (secret == null) {
      return null;
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new SluiceException("The authentication secret has " + secret.length + " bytes; at least "
          + MIN_SECRET_BYTES + " are required (use Secrets.generate())");
    }
    return secret.clone();
  }

  private static byte[] hmac(byte[] secret, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new SluiceException("HMAC-SHA256 is not available in this JVM: " + e.getMessage(), e);
    }
  }
}
