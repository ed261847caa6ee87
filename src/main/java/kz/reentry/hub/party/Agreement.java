package kz.reentry.hub.party;

import java.time.LocalDate;

public record Agreement(String id, String ngoCode, String kind, LocalDate validFrom, LocalDate validTo) {
}
