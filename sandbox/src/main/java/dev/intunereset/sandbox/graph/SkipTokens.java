package dev.intunereset.sandbox.graph;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque {@code $skiptoken}s: the next page's offset, sealed with an HMAC over the offset and the
 * query it continues (tenant, resource, filter, select, page size). A token that was altered, made
 * up, issued by another simulator run or carried over to another query does not open, which is
 * Graph's 400 for a stale or forged token. Offsets are safe because an inventory never changes.
 */
final class SkipTokens {
  private static final int MAC_BYTES = 16;

  private final byte[] key = new byte[32];

  SkipTokens() {
    new SecureRandom().nextBytes(key);
  }

  String issue(String query, int offset) {
    ByteBuffer token = ByteBuffer.allocate(Integer.BYTES + MAC_BYTES);
    token.putInt(offset).put(mac(query, offset));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
  }

  /** The offset {@code token} carries for this {@code query}, or empty if it does not open. */
  OptionalInt open(String token, String query) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return OptionalInt.empty();
    }
    if (raw.length != Integer.BYTES + MAC_BYTES) {
      return OptionalInt.empty();
    }
    int offset = ByteBuffer.wrap(raw).getInt();
    byte[] sent = Arrays.copyOfRange(raw, Integer.BYTES, raw.length);
    boolean genuine = offset > 0 && MessageDigest.isEqual(sent, mac(query, offset));
    return genuine ? OptionalInt.of(offset) : OptionalInt.empty();
  }

  private byte[] mac(String query, int offset) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((offset + "\n" + query).getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JRE", e);
    }
  }
}
