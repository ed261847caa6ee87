package kz.reentry.hub.obligation;

import kz.reentry.hub.security.CellCount;

/** Persons with a duty of one kind due in a period, by how it was kept (schema/obligations.graphqls). */
public record ObligationIndicator(ObligationKind kind, CellCount due, CellCount metOnTime, CellCount metLate,
                                  CellCount overdue, CellCount arrivedLate) {
}
