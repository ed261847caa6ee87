package kz.reentry.hub.reconciliation;

import java.time.ZonedDateTime;

/** @param persons null when the source gave no list */
public record SourceTotal(ReconciliationSource source, boolean submitted, boolean expected, Integer persons,
                          String submittedByCode, ZonedDateTime receivedAt) {
}
