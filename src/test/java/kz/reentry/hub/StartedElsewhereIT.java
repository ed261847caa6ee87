package kz.reentry.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import kz.reentry.hub.support.BesideTheSharedHub;
import kz.reentry.hub.support.HubProcess;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub started from a directory that is not the repository, as a jar is started by a service
 * manager: what it reads at start-up (Camel routes, migrations, schema, registered operations) comes
 * with it, not from the working directory.
 */
@BesideTheSharedHub
class StartedElsewhereIT {

    @Test
    @DisplayName("started from an empty directory, with trusted documents on, the hub has its intake routes and registered operations: a release record is filed")
    void routesAndOperationsTravelWithTheHub(@TempDir Path data, @TempDir Path elsewhere) throws Exception {
        assertThat(Files.exists(elsewhere.resolve("camel-routes"))).isFalse();
        try (var hub = HubProcess.start("started-elsewhere", data, List.of("--hub.edge.trusted-documents.enabled=true"),
                elsewhere)) {
            assertThat(hub.postRelease(ReleaseRecords.validRelease(LocalDate.now().plusYears(2)).json()))
                    .isEqualTo("ACCEPTED");
        }
    }
}
