package kz.reentry.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The packages are the hub's capabilities; their dependencies go one way, so that a change in one
 * reaches only those above it. A new cycle fails here, naming the classes that make it.
 */
class PackageDependenciesTests {

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("kz.reentry.hub");

    @Test
    @DisplayName("no package depends, directly or through others, on a package that depends on it")
    void noCycles() {
        slices().matching("kz.reentry.hub.(*)..").should().beFreeOfCycles().check(HUB);
    }

    @Test
    @DisplayName("the building blocks (graph, api) depend on no capability of the hub")
    void buildingBlocksStayBelow() {
        noClasses()
                .that().resideInAnyPackage("kz.reentry.hub.graph..", "kz.reentry.hub.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "kz.reentry.hub.security..", "kz.reentry.hub.disclosure..", "kz.reentry.hub.person..",
                        "kz.reentry.hub.release..", "kz.reentry.hub.state..", "kz.reentry.hub.party..",
                        "kz.reentry.hub.exchange..", "kz.reentry.hub.delivery..", "kz.reentry.hub.edge..")
                .check(HUB);
    }
}
