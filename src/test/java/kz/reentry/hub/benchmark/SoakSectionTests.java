package kz.reentry.hub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/benchmarks.md keeps the last soak's result: rebuilt by a full run, replaced by a soak run, never doubled. */
class SoakSectionTests {

    @TempDir
    Path images;

    @Test
    @DisplayName("without a soak report the benchmarks page is left as it is")
    void noSoakNoSection() throws Exception {
        assertThat(Report.withSoakSection("# Benchmarks\n\n## Ingest\n\nfast\n", images))
                .isEqualTo("# Benchmarks\n\n## Ingest\n\nfast\n");
    }

    @Test
    @DisplayName("a regenerated page gains the Soak section from the soak's own summary; a later soak replaces it in place, the sections after it kept")
    void sectionAddedThenReplaced() throws Exception {
        soak("**Result:** passed, first");
        String page = Report.withSoakSection("# Benchmarks\n\n## Ingest\n\nfast\n", images);
        assertThat(page).contains("## Ingest\n\nfast\n", "## Soak\n\n**Result:** passed, first\n", "(benchmarks/soak.md)");

        soak("**Result:** **FAILED**, second");
        String again = Report.withSoakSection(page + "\n## Later\n\nkept\n", images);
        assertThat(again).contains("**Result:** **FAILED**, second", "## Ingest\n\nfast\n", "## Later\n\nkept\n")
                .doesNotContain("passed, first");
        assertThat(again.split("\n## Soak\n", -1)).hasSize(2);
    }

    private void soak(String summary) throws Exception {
        Files.writeString(images.resolve("soak.md"), "# Soak\n\nintro\n\n" + Report.SOAK_SUMMARY_START + summary
                + Report.SOAK_SUMMARY_END + "\n\n## Accounting\n");
    }
}
