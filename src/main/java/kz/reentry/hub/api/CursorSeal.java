package kz.reentry.hub.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals cursors so that they mean nothing outside the hub: AES-256-GCM under a key only the hub
 * holds, with the kind of query and the client the cursor was issued to as associated data, so a
 * cursor opens only for the same kind of query from the same client, and any change to it is found.
 * The nonce is derived from the content (an HMAC of the associated data and the keys, as in SIV
 * modes), so the same position gives the same cursor and two different ones never share a nonce.
 */
final class CursorSeal {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryption;
    private final SecretKeySpec nonces;

    /** @param key 32 bytes; the keys for encryption and nonces are derived from it */
    CursorSeal(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The cursor key must be 32 bytes (256 bits), not " + key.length);
        }
        this.encryption = new SecretKeySpec(derive(key, "hub-cursor-encryption"), "AES");
        this.nonces = new SecretKeySpec(derive(key, "hub-cursor-nonce"), "HmacSHA256");
    }

    String seal(String kind, String client, String content) {
        byte[] associated = associated(kind, client);
        byte[] plain = content.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonces);
            mac.update(associated);
            mac.update((byte) 0);
            byte[] nonce = Arrays.copyOf(mac.doFinal(plain), NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The content, or empty when the cursor was not sealed by this hub for this kind and client, or was altered. */
    Optional<String> open(String kind, String client, String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associated(kind, client));
            byte[] plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] associated(String kind, String client) {
        return ("hub-cursor\u0000" + kind + "\u0000" + (client == null ? "" : client)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
