package kz.reentry.hub.territory;

/** A first-level territory of a jurisdiction, from the reference data of graph-model/. */
public record Region(String code, String name, String jurisdiction) {
}
