package kz.reentry.hub.programme;

import java.util.Set;

public enum MeasureStatus {
    NOT_STARTED, IN_PROGRESS, MET, DECLINED;

    /** Met and declined measures are closed; a new need gets a new measure. */
    public boolean canMoveTo(MeasureStatus next) {
        return switch (this) {
            case NOT_STARTED -> Set.of(IN_PROGRESS, MET, DECLINED).contains(next);
            case IN_PROGRESS -> Set.of(MET, DECLINED).contains(next);
            case MET, DECLINED -> false;
        };
    }
}
