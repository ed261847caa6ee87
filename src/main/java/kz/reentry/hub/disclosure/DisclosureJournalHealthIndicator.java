package kz.reentry.hub.disclosure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Says in health (component disclosureJournal) what the journal had to repair at start, so that an operator sees it without
 * reading the log: the hub is up (every complete entry counts), but some bytes need an auditor's eye.
 */
@Component
class DisclosureJournalHealthIndicator implements HealthIndicator {

    private final DisclosureJournal journal;
    private final DisclosureLogWriter writer;

    DisclosureJournalHealthIndicator(DisclosureJournal journal, DisclosureLogWriter writer) {
        this.journal = journal;
        this.writer = writer;
    }

    @Override
    public Health health() {
        JournalRepair repair = journal.repair();
        var loss = writer.loss();
        if (loss != null) {
            return Health.up()
                    .withDetail("journalCutShortAtStart", true)
                    .withDetail("movedUpTo", loss.moved())
                    .withDetail("heldUpTo", loss.held())
                    .build();
        }
        if (!repair.happened()) {
            return Health.up().build();
        }
        return Health.up()
                .withDetail("repairedAtStart", true)
                .withDetail("tornBytesCutOff", repair.tornBytes())
                .withDetail("unreadableLinesLeftOut", repair.unreadableLines())
                .withDetail("keptIn", repair.setAside().getFileName().toString())
                .build();
    }
}
