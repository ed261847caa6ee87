package kz.reentry.hub.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** What the run measured, written as docs/benchmarks.md with latency plots made by gnuplot. */
final class Report {

    private final List<String> sections = new ArrayList<>();
    private final Map<String, List<Wrk[]>> reads = new LinkedHashMap<>();
    private String environment;

    void environment(long seed, double scale, int seconds) throws Exception {
        environment = """
                | | |
                |---|---|
                | date | %s |
                | machine | %s, %d cores, %s |
                | JVM | %s %s |
                | Node.js | %s |
                | wrk | %s |
                | data | seed %d, scale %s |
                | each wrk run | %d s, 2 threads |
                """.formatted(LocalDate.now(), cpu(), Runtime.getRuntime().availableProcessors(), memory(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), command("node", "--version"),
                command("wrk", "-v").lines().findFirst().orElse("?"), seed, fmt(scale), seconds);
    }

    void startUp(double seconds, double rssMegabytes) {
        sections.add("""
                ## Start-up and memory

                The hub's jar started with its embedded Neo4j in an empty directory (migrations and reference
                data included) was healthy after **%s s**, with a resident set of %s MB.
                """.formatted(fmt(seconds), fmt(rssMegabytes)));
    }

    void memory(String what, double megabytes) {
        sections.add("Memory, %s: **%s MB** (`-Xmx2g`).\n".formatted(what, fmt(megabytes)));
    }

    void load(int records, Duration took, double perSecond) {
        sections.add("""
                ## Data

                %,d persons (in custody, on probation, released) with their episodes, planned releases, states and E1
                obligations, in 100 institutions and 20 regions, written with the plain driver in UNWIND batches of 2,000
                in %s s (%,.0f records/s).
                """.formatted(records, fmt(took.toMillis() / 1000.0), perSecond));
    }

    void ingest(int records, double intakeRate, double unwindRate, JsonNode batch) {
        sections.add("""
                ## Ingest

                | path | records | records/s |
                |---|---|---|
                | hub intake, batch file (CSV, one transaction per record, validation, dead letters, disclosure log) | %,d (%s accepted, %s rejected) | %,.0f |
                | plain driver, UNWIND batches of 1,000 (same nodes, no validation) | %,d | %,.0f |

                Ratio intake / UNWIND: **%s**. The intake commits each record on its own, so that one bad record
                never holds back or undoes another and each is acknowledged or dead-lettered by itself; the
                baseline commits a thousand at once.
                """.formatted(records, batch.get("accepted").asString(), batch.get("rejected").asString(), intakeRate,
                records, unwindRate, fmt(intakeRate / unwindRate)));
    }

    void read(String query, int connections, Wrk hub, Wrk alternative) {
        reads.computeIfAbsent(query, q -> new ArrayList<>()).add(new Wrk[]{hub, alternative});
    }

    void write(Path markdown, Path images, Path analysis) throws Exception {
        Files.createDirectories(images);
        StringBuilder text = new StringBuilder("""
                # Benchmarks

                Written by `benchmarks/run` (see the README); numbers from one run on the machine below. They
                report, they do not pass or fail.

                """).append(environment).append('\n');
        sections.forEach(section -> text.append(section).append('\n'));
        text.append("""
                ## GraphQL reads: the hub and @neo4j/graphql on Apollo Server

                Both over the same Neo4j database and data, driven by the same wrk script. The hub checks a token,
                applies the access policy (rows and fields), and records every read in the disclosure log; the
                alternative does none of that.

                """);
        int figure = 0;
        for (var entry : reads.entrySet()) {
            figure++;
            text.append("### ").append(entry.getKey()).append("\n\n")
                    .append("| connections | hub req/s | hub p50 / p99 ms | @neo4j/graphql req/s | p50 / p99 ms | ratio (hub / alternative) | errors (hub, alt) |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (Wrk[] pair : entry.getValue()) {
                text.append("| %d | %,.0f | %s / %s | %,.0f | %s / %s | %s | %d, %d |\n".formatted(pair[0].connections(),
                        pair[0].requestsPerSecond(), fmt(pair[0].p50()), fmt(pair[0].p99()), pair[1].requestsPerSecond(),
                        fmt(pair[1].p50()), fmt(pair[1].p99()), fmt(pair[0].requestsPerSecond() / pair[1].requestsPerSecond()),
                        pair[0].errors(), pair[1].errors()));
            }
            String image = "latency-" + figure + ".png";
            plot(images, image, entry.getKey(), entry.getValue());
            text.append("\n![").append(entry.getKey()).append(": latency against concurrency](benchmarks/")
                    .append(image).append(")\n\n");
        }
        if (Files.exists(analysis)) {
            text.append(Files.readString(analysis, StandardCharsets.UTF_8));
        }
        Files.writeString(markdown, text, StandardCharsets.UTF_8);
    }

    private static void plot(Path images, String image, String title, List<Wrk[]> runs) throws Exception {
        Path data = Files.createTempFile("latency", ".dat");
        StringBuilder rows = new StringBuilder();
        for (Wrk[] pair : runs) {
            rows.append("%d %s %s %s %s%n".formatted(pair[0].connections(), fmt(pair[0].p50()), fmt(pair[0].p99()),
                    fmt(pair[1].p50()), fmt(pair[1].p99())));
        }
        Files.writeString(data, rows.toString().replace(",", ""));
        String script = """
                set terminal pngcairo size 800,450 noenhanced
                set output '%s'
                set title '%s: latency against concurrency'
                set xlabel 'concurrent connections'
                set ylabel 'latency (ms)'
                set logscale x 2
                set key top left
                set grid
                plot '%s' using 1:2 with linespoints title 'hub p50', '' using 1:3 with linespoints title 'hub p99', \
                     '' using 1:4 with linespoints title '@neo4j/graphql p50', '' using 1:5 with linespoints title '@neo4j/graphql p99'
                """.formatted(images.resolve(image), title, data);
        var gnuplot = new ProcessBuilder("gnuplot").redirectErrorStream(true).start();
        gnuplot.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        gnuplot.getOutputStream().close();
        String output = new String(gnuplot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gnuplot.waitFor() != 0) {
            throw new IllegalStateException("gnuplot failed: " + output);
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    }

    private static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").orElse("?");
    }

    private static String command(String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return output;
        } catch (Exception e) {
            return "not found";
        }
    }
}
