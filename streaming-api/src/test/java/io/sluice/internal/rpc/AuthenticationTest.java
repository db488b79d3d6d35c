package io.sluice.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.SluiceException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

  @Test
  void proofsDependOnSecretAndBothNoncesAndDifferByDirection() {
    byte[] secret = Secrets.generate();
    byte[] serverNonce = AuthProtocol.nonce();
    byte[] clientNonce = AuthProtocol.nonce();
    byte[] client = AuthProtocol.clientProof(secret, serverNonce, clientNonce);
    assertEquals(AuthProtocol.PROOF_BYTES, client.length);
    assertArrayEquals(client, AuthProtocol.clientProof(secret.clone(), serverNonce, clientNonce));
    assertFalse(Arrays.equals(client, AuthProtocol.clientProof(Secrets.generate(), serverNonce, clientNonce)));
    assertFalse(Arrays.equals(client, AuthProtocol.clientProof(secret, AuthProtocol.nonce(), clientNonce)));
    assertFalse(Arrays.equals(client, AuthProtocol.clientProof(secret, serverNonce, AuthProtocol.nonce())));
    // A server proof can never be replayed as a client proof, even with the nonces swapped.
    assertFalse(Arrays.equals(client, AuthProtocol.serverProof(secret, clientNonce, serverNonce)));
    assertFalse(Arrays.equals(client, AuthProtocol.serverProof(secret, serverNonce, clientNonce)));
  }

  @Test
  void secretsAreRandomAndRoundTripAsHexAndBase64() {
    byte[] secret = Secrets.generate();
    assertEquals(32, secret.length);
    assertNotEquals(Secrets.toHex(secret), Secrets.toHex(Secrets.generate()));
    assertArrayEquals(secret, Secrets.fromHex(Secrets.toHex(secret)));
    assertArrayEquals(secret, Secrets.fromBase64(Secrets.toBase64(secret)));
  }

  @Test
  void parseErrorsDoNotEchoTheSecret() {
    SluiceException hex = assertThrows(SluiceException.class, () -> Secrets.fromHex("zz-top-secret"));
    assertFalse(hex.getMessage().contains("top-secret"), hex.getMessage());
    SluiceException base64 = assertThrows(SluiceException.class, () -> Secrets.fromBase64("top-secret!!"));
    assertFalse(base64.getMessage().contains("top-secret"), base64.getMessage());
  }

  @Test
  void shortSecretsAreRefused() {
    SluiceException e = assertThrows(SluiceException.class,
        () -> RpcServer.start("127.0.0.1", 0, new byte[8], call -> null));
    assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
  }

  @Test
  void callerMutatingItsSecretArrayAfterStartChangesNothing() throws Exception {
    byte[] secret = Secrets.generate();
    byte[] original = secret.clone();
    try (RpcServer server = TestEndpoints.server(secret, call -> "ok", StreamSource.none())) {
      Arrays.fill(secret, (byte) 0);
      try (RpcClient client = TestEndpoints.client(server, original)) {
        assertEquals("ok", client.ask("x", TestEndpoints.ASK).get());
      }
    }
  }
}
