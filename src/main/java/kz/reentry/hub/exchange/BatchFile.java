package kz.reentry.hub.exchange;

import java.time.ZonedDateTime;

/** A batch file dropped for intake, and how far the hub has got with it. */
public record BatchFile(String id, String exchange, String name, String sha256, Status status, long records, long accepted,
                        long duplicates, long rejected, ZonedDateTime startedAt, ZonedDateTime finishedAt, String error) {

    public enum Status { RUNNING, DONE, FAILED, INTERRUPTED }
}
