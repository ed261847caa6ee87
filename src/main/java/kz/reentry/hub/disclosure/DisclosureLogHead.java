package kz.reentry.hub.disclosure;

import java.time.ZonedDateTime;

/**
 * The log's last entry at one moment, signed by the hub, as published to a receiver outside it.
 *
 * @param signed    the head as a compact JWS (ES256) over {@code {"seq":…,"hash":…,"at":…}}
 * @param publicKey the JWK (JSON) that verifies it
 */
public record DisclosureLogHead(long seq, String hash, ZonedDateTime at, String signed, String publicKey) {
}
