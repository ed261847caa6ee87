package kz.reentry.hub.programme;

import java.time.LocalDate;
import java.util.List;

public record ProgrammeProgress(int total, int notStarted, int inProgress, int met, int declined, int overdue) {

    static ProgrammeProgress of(List<Measure> measures, LocalDate today) {
        return new ProgrammeProgress(measures.size(),
                count(measures, MeasureStatus.NOT_STARTED), count(measures, MeasureStatus.IN_PROGRESS),
                count(measures, MeasureStatus.MET), count(measures, MeasureStatus.DECLINED),
                (int) measures.stream().filter(m -> (m.status() == MeasureStatus.NOT_STARTED
                        || m.status() == MeasureStatus.IN_PROGRESS) && m.deadline().isBefore(today)).count());
    }

    private static int count(List<Measure> measures, MeasureStatus status) {
        return (int) measures.stream().filter(m -> m.status() == status).count();
    }
}
