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
    private String neo4j = "?";
    private String alternativeVersions = "?";
    private double took;
    private final List<String> checks = new ArrayList<>();
    private final List<String> statementSections = new ArrayList<>();
    /** Statements per request, hub and alternative, by query name: the analysis reads them. */
    private final Map<String, double[]> statementsPerRequest = new LinkedHashMap<>();
    private String profileSection = "";
    private GraphStatements.Profile hubProfile;
    private GraphStatements.Profile altProfile;
    private double intakeFileRate;
    private double intakeHttpRate;
    private double intakeBrokerRate;
    private double unwindRate;
    private double intakeStatementsPerRecord = Double.NaN;
    private double intakeDatabaseMillisPerRecord = Double.NaN;
    private double intakeCompileMillisPerRecord = Double.NaN;
    private double handoffP50 = Double.NaN;
    private final List<String> handoffP99 = new ArrayList<>();

    void neo4jVersion(String version) {
        neo4j = version;
    }

    void alternativeVersions(String log) {
        var line = Benchmarks.match("^versions (\\{.*})$", log);
        alternativeVersions = line == null ? "?" : line.group(1);
    }

    void took(double seconds) {
        took = seconds;
    }

    void environment(long seed, double scale, int seconds) throws Exception {
        environment = """
                | | |
                |---|---|
                | date | %s |
                | hub measured | commit %s |
                | machine | %s, %d cores, %s |
                | JVM | %s %s |
                | Node.js | %s |
                | wrk | %s |
                | data | seed %d, **scale %s** |
                | each wrk run | %d s, 2 threads |
                | sharing | the hub, Neo4j (embedded in the harness's JVM), Node.js and wrk all run on these %d cores, so each load generator takes CPU from the server it measures |
                """.formatted(LocalDate.now(), commit(), cpu(), Runtime.getRuntime().availableProcessors(), memory(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), command("node", "--version"),
                command("wrk", "-v").lines().findFirst().orElse("?"), seed, fmt(scale), seconds,
                Runtime.getRuntime().availableProcessors());
    }

    void startUp(double seconds, double rssMegabytes) {
        sections.add("""
                ## Start-up and memory

                The hub's jar started with its embedded Neo4j in an empty directory (migrations and reference
                data included) was healthy after **%s s**, with a resident set of %s MB.
                """.formatted(fmt(seconds), fmt(rssMegabytes)));
    }

    void memory(String what, double megabytes) {
        sections.add("Memory, %s: **%s MB**.\n".formatted(what, fmt(megabytes)));
    }

    void load(int records, Duration took, double perSecond, Map<String, Long> counts) {
        StringBuilder table = new StringBuilder("| nodes | count |\n|---|---|\n");
        counts.forEach((label, n) -> table.append("| %s | %,d |%n".formatted(label, n)));
        sections.add("""
                ## Data

                %,d persons (in custody, on probation, released) with their episodes, planned releases, states, E1
                obligations, districts (in the three cities), programmes with measures, referrals in every status and
                NGO cases (%d NGOs, the two demo ones included), written with the plain driver in UNWIND batches of 2,000
                in %s s (%,.0f persons/s). The graph after the whole run's loads:

                %s
                """.formatted(records, NationalDataset.NGOS, fmt(took.toMillis() / 1000.0), perSecond, table));
    }

    void ingest(int records, double fileRate, JsonNode batch, Wrk.Intake http, double httpPerFiling, double brokerRate,
                double brokerPerFiling, double unwindRate) {
        this.intakeBrokerRate = brokerRate;
        this.intakeFileRate = fileRate;
        this.intakeHttpRate = http.acceptedPerSecond();
        this.unwindRate = unwindRate;
        sections.add("""
                ## Ingest

                | path | records | records/s | ratio to UNWIND |
                |---|---|---|---|
                | hub intake, batch file (CSV, consecutive records filed up to 200 a transaction, validation, dead letters, disclosure log) | %,d (%s accepted, %s rejected) | %,.0f | %s |
                | hub intake, HTTP `POST /intake/releases` (wrk, 4 connections for %s s, each record once; an answer's p50 / p99 %s / %s ms; %s records a filing) | %,d filed (%,d other answers%s) | %,.0f | %s |
                | hub intake, broker (JSON messages on `e5.release-records`, published over the opt-in loopback TCP acceptor; the route has one consumer; %s records a filing) | %,d | %,.0f | %s |
                | plain driver, UNWIND batches of 1,000 (same nodes, no validation) | %,d | %,.0f | 1 |

                The batch file's records are committed up to 200 at a time (a group that fails is filed again
                one record at a time, so one bad record never holds back or undoes another). HTTP and the broker
                bring one record at a time: the records that arrive while others are being filed are filed
                together, each still acknowledged or dead-lettered by itself ("records a filing": how many
                records each commit answered on average, from the hub's `hub_intake_filed_together_records`).
                The baseline commits a thousand at once, with its statement warm from loading the dataset; the
                file and broker channels are timed after a file of 200 and 50 messages not timed (a hub's first
                file plans each filing statement for each size of group), HTTP after the handoff's records. A
                file's time runs from its drop into the directory, so it includes the channel's wait for the
                file to be at least a second old (`readLockMinAge`: a file still being written is not read).
                """.formatted(records, batch.get("accepted").asString(), batch.get("rejected").asString(), fileRate,
                fmt(fileRate / unwindRate), fmt(http.seconds()), fmt(http.run().p50()), fmt(http.run().p99()), fmt(httpPerFiling),
                http.accepted(),
                http.other(), http.accepted() >= records ? ": the records ran out before the time did, so the rate is too low" : "",
                http.acceptedPerSecond(), fmt(http.acceptedPerSecond() / unwindRate),
                fmt(brokerPerFiling), records, brokerRate, fmt(brokerRate / unwindRate), records, unwindRate));
    }

    /** The section added last, for a part run on its own that prints what it measured. */
    String lastSection() {
        return sections.isEmpty() ? "" : sections.getLast();
    }

    /** Where an intake record's time goes in the database: the statements of the HTTP ingest, as Neo4j timed them. */
    void intakeStatements(int records, Map<String, GraphStatements.Timing> timings) {
        long runs = timings.values().stream().mapToLong(GraphStatements.Timing::runs).sum();
        double compile = timings.values().stream().mapToDouble(t -> t.runs() * t.compileMicros()).sum() / 1000;
        double execute = timings.values().stream().mapToDouble(t -> t.runs() * t.executeMicros()).sum() / 1000;
        intakeStatementsPerRecord = runs / (double) records;
        intakeDatabaseMillisPerRecord = (compile + execute) / records;
        intakeCompileMillisPerRecord = compile / records;
        StringBuilder text = new StringBuilder("""
                **Where an intake record's time goes**: a further batch file of %,d records, filed one after
                another, with the statements counted and timed by Neo4j (`db.stats.collect('QUERIES')`; the
                dispatcher's and the disclosure log's statements of that time included): %,d statements for %,d records, **%s per record**, which cost the database
                %s ms per record: %s ms compiling (parsing, and looking up the plan cache) and %s ms executing.

                <details><summary>the statements, by time spent</summary>

                | runs per record | compile ms (mean) | execute ms (mean) | statement (first line) |
                |---|---|---|---|
                """.formatted(records, runs, records, fmt(intakeStatementsPerRecord), fmt(intakeDatabaseMillisPerRecord),
                fmt(compile / records), fmt(execute / records)));
        timings.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparingDouble(GraphStatements.Timing::totalMillis).reversed()))
                .forEach(e -> text.append("| %s | %s | %s | `%s` |%n".formatted(fmt(e.getValue().runs() / (double) records),
                        fmt(e.getValue().compileMicros() / 1000), fmt(e.getValue().executeMicros() / 1000), firstLine(e.getKey()))));
        text.append("\n</details>\n");
        sections.add(text.toString());
    }

    private static String firstLine(String query) {
        return query.strip().lines().filter(l -> l.contains("MATCH") || l.contains("MERGE") || l.contains("CREATE"))
                .findFirst().orElse(query.strip().lines().findFirst().orElse("")).strip().replace("|", "\\|");
    }

    /** One paced handoff run: its rate, how many records, the latency of each notice, what went missing or was refused. */
    record Handoff(double rate, int records, List<Double> latencies, int missing, int refused) {
    }

    void handoff(int warmUp, List<Handoff> runs) {
        StringBuilder rows = new StringBuilder();
        for (Handoff run : runs) {
            List<Double> sorted = run.latencies().stream().sorted().toList();
            if (Double.isNaN(handoffP50)) {
                handoffP50 = percentile(sorted, 50);
            }
            handoffP99.add("%s ms at %s records/s".formatted(fmt(percentile(sorted, 99)), fmt(run.rate())));
            rows.append("| %s | %d | %d | %s | %s | %s | %s | %d | %d |\n".formatted(fmt(run.rate()), run.records(),
                    sorted.size(), fmt(percentile(sorted, 50)), fmt(percentile(sorted, 95)), fmt(percentile(sorted, 99)),
                    fmt(sorted.isEmpty() ? Double.NaN : sorted.getLast()), run.missing(), run.refused()));
        }
        sections.add("""
                ## Handoff latency (E1 notice)

                Release records with less than a year left, posted to `POST /intake/releases` at a steady rate (a
                paced client: each record leaves on its own schedule, whatever the earlier answers take), after %d
                records sent the same way to warm the hub up and not measured. The intake queues the E1 notice
                to the akimat and the police of the residence in the same transaction; the commit wakes the
                dispatcher for those recipients, which delivers to a receiver on localhost (a JDK HTTP server
                answering 200). Measured from the intake's answer to the notice's arrival, per notice (two per
                record; missing: not arrived 60 s after the last record):

                | records/s | records | notices | p50 ms | p95 ms | p99 ms | max ms | missing | records refused |
                |---|---|---|---|---|---|---|---|---|
                %s
                The dispatcher's poll (`hub.delivery.poll-interval`, 1 s) is only the fallback for what no wake-up
                reports (a retry after its backoff, a message queued by another instance).
                """.formatted(warmUp, rows));
    }

    static double percentile(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    void check(String query, int requests, int hubRows, int altRows, int hubValues, int altValues, int hubErrors, int altErrors) {
        checks.add("| %s | %d | %d / %d | %d / %d | %d / %d |".formatted(query, requests, hubRows, altRows, hubValues,
                altValues, hubErrors, altErrors));
    }

    void statements(String query, int requests, Map<String, GraphStatements.Timing> hub,
                    Map<String, GraphStatements.Timing> alternative) {
        long hubTotal = hub.values().stream().mapToLong(GraphStatements.Timing::runs).sum();
        long altTotal = alternative.values().stream().mapToLong(GraphStatements.Timing::runs).sum();
        double hubMillis = hub.values().stream().mapToDouble(GraphStatements.Timing::totalMillis).sum();
        double altMillis = alternative.values().stream().mapToDouble(GraphStatements.Timing::totalMillis).sum();
        statementsPerRequest.put(query, new double[]{hubTotal / (double) requests, altTotal / (double) requests});
        StringBuilder text = new StringBuilder(("**%s**: %d requests; the hub ran %d statements (%s per request, %s ms of the"
                + " database's compile and execution time per request), @neo4j/graphql %d (%s per request, %s ms).%n%n")
                .formatted(query, requests, hubTotal, fmt(hubTotal / (double) requests), fmt(hubMillis / requests),
                        altTotal, fmt(altTotal / (double) requests), fmt(altMillis / requests)));
        text.append("<details><summary>the hub's statements</summary>\n\n| runs | mean ms (compile + execute) | statement (first line) |\n|---|---|---|\n");
        hub.forEach((q, t) -> text.append("| %d | %s | `%s` |%n".formatted(t.runs(),
                fmt((t.compileMicros() + t.executeMicros()) / 1000), firstLine(q))));
        text.append("\n</details>\n");
        statementSections.add(text.toString());
    }

    void statementsUnavailable(String query, String why) {
        statementSections.add("**%s**: statements not counted (%s).%n".formatted(query, why));
    }

    void profile(String hubCypher, GraphStatements.Profile hub, String altCypher, GraphStatements.Profile alternative) {
        hubProfile = hub;
        altProfile = alternative;
        profileSection = """
                ### The releases page, PROFILEd

                The same page's Cypher on both sides, run with PROFILE with the same parameters (the hub's as the
                database received it; @neo4j/graphql's from its debug log, `DEBUG=@neo4j/graphql:execution`).

                | | db hits | rows |
                |---|---|---|
                | hub (first of its statements for this page) | %,d | %,d |
                | @neo4j/graphql (its one statement) | %,d | %,d |

                <details><summary>the hub's statement and plan</summary>

                ```cypher
                %s
                ```
                ```
                %s
                ```
                </details>

                <details><summary>@neo4j/graphql's statement and plan</summary>

                ```cypher
                %s
                ```
                ```
                %s
                ```
                </details>
                """.formatted(hub.dbHits(), hub.rows(), alternative.dbHits(), alternative.rows(), hubCypher.strip(),
                String.join("\n", hub.operators()), altCypher.strip(), String.join("\n", alternative.operators()));
    }

    void profileUnavailable(String why) {
        profileSection = "### The releases page, PROFILEd\n\nNot captured in this run: " + why + "\n";
    }

    void read(String query, int connections, Wrk hub, Wrk alternative) {
        reads.computeIfAbsent(query, q -> new ArrayList<>()).add(new Wrk[]{hub, alternative});
    }

    /** The reads measured, their answers' check and statement counts, without plots or analysis (benchmarks/run --reads-only). */
    String readsOnly() {
        StringBuilder text = new StringBuilder("# Reads only, scale %s, commit %s%n%n".formatted(scaleText(), commit()));
        text.append("| query | requests | rows (hub / alternative) | values (hub / alternative) | errors (hub / alternative) |\n|---|---|---|---|---|\n");
        checks.forEach(line -> text.append(line).append('\n'));
        for (var entry : reads.entrySet()) {
            text.append("\n### ").append(entry.getKey()).append("\n\n").append(readTable(entry.getValue()));
        }
        text.append('\n');
        statementSections.forEach(section -> text.append(section).append('\n'));
        text.append(profileSection).append('\n');
        return text.toString();
    }

    /** One query's timed runs, hub and alternative side by side. */
    private static String readTable(List<Wrk[]> runs) {
        StringBuilder text = new StringBuilder("| connections | hub req/s | hub p50 / p99 ms | @neo4j/graphql req/s | p50 / p99 ms | ratio (hub / alternative) | errors (hub, alt) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Wrk[] pair : runs) {
            text.append("| %d | %,.0f | %s / %s | %,.0f | %s / %s | %s | %d, %d |\n".formatted(pair[0].connections(),
                    pair[0].requestsPerSecond(), fmt(pair[0].p50()), fmt(pair[0].p99()), pair[1].requestsPerSecond(),
                    fmt(pair[1].p50()), fmt(pair[1].p99()), fmt(pair[0].requestsPerSecond() / pair[1].requestsPerSecond()),
                    pair[0].errors(), pair[1].errors()));
        }
        return text.toString();
    }

    void write(Path markdown, Path images) throws Exception {
        Files.createDirectories(images);
        StringBuilder text = new StringBuilder("""
                # Benchmarks

                Written by `benchmarks/run` (see the README); numbers from one run on the machine below, at
                **scale %s** of the national figures. They report, they do not pass or fail. Short runs at a small
                scale on a shared machine are noisy: read differences of less than about a third as noise.

                """.formatted(scaleText())).append(environment)
                .append("| Neo4j | %s |%n| the alternative | %s |%n| whole run | %s s |%n%n".formatted(neo4j,
                        alternativeVersions, fmt(took)));
        sections.forEach(section -> text.append(section).append('\n'));
        text.append("""
                ## GraphQL reads: the hub and @neo4j/graphql on Apollo Server

                Both over the same Neo4j database and data, driven by the same wrk script. The hub checks a token,
                applies the access policy (rows and fields), and records every read in the disclosure log; the
                alternative does none of that. The hub is asked with the token of the demo client named; the
                case view picks persons from a fixed sample spread over the whole dataset (ordered by IIN).

                ### Same answers

                Checked once before timing: rows (items of the answer's list, edges on the hub) and non-null values
                in the answers, summed over the requests, and GraphQL errors.

                | query | requests | rows (hub / alternative) | values (hub / alternative) | errors (hub / alternative) |
                |---|---|---|---|---|
                """);
        checks.forEach(line -> text.append(line).append('\n'));
        text.append('\n');
        int figure = 0;
        for (var entry : reads.entrySet()) {
            figure++;
            text.append("### ").append(entry.getKey()).append("\n\n").append(readTable(entry.getValue()));
            String image = "latency-" + figure + ".png";
            plot(images, image, entry.getKey(), entry.getValue());
            text.append("\n![").append(entry.getKey()).append(": latency against concurrency](benchmarks/")
                    .append(image).append(")\n\n");
        }
        text.append("## Statements per request (counted by Neo4j, `db.stats.collect('QUERIES')`)\n\n");
        statementSections.forEach(section -> text.append(section).append('\n'));
        text.append(profileSection).append('\n');
        text.append(analysis());
        Files.writeString(markdown, withSoakSection(text.toString(), images), StandardCharsets.UTF_8);
    }

    private String scaleText = "?";

    private String scaleText() {
        return scaleText;
    }

    void scale(double scale) {
        scaleText = fmt(scale);
    }

    /** Ratio of the hub's req/s to the alternative's for a query, at each concurrency, as "a, b, c (at 1, 4, …)". */
    private String ratios(String query) {
        var runs = reads.getOrDefault(query, List.of());
        if (runs.isEmpty()) {
            return "not measured";
        }
        return String.join(", ", runs.stream().map(p -> fmt(p[0].requestsPerSecond() / p[1].requestsPerSecond())).toList())
                + " (at " + String.join(", ", runs.stream().map(p -> Integer.toString(p[0].connections())).toList())
                + " connections)";
    }

    private double meanHubRate(String query) {
        return reads.getOrDefault(query, List.of()).stream().mapToDouble(p -> p[0].requestsPerSecond()).average().orElse(Double.NaN);
    }

    /** The analysis, from this run's numbers only. */
    private String analysis() {
        String caseView = QueryMix.QUERIES.get(0).name();
        String regional = QueryMix.CASE_VIEW_REGIONAL.name();
        String page = QueryMix.QUERIES.get(1).name();
        StringBuilder text = new StringBuilder("## What the numbers say\n\n");
        text.append("- **Case view.** The hub's throughput over the alternative's: ").append(ratios(caseView)).append('.');
        double[] perRequest = statementsPerRequest.get(caseView);
        if (perRequest != null) {
            text.append(perRequest[0] <= 2
                    ? " The database ran %s statements per case view for the hub and %s for @neo4j/graphql: both compile the operation into one statement (the hub's PersonCaseRead folds the selected levels into CALL subqueries, with the rows and HealthScope conditions of the reads they replace); where the time goes instead: docs/benchmarks/where-the-time-goes.md."
                    .formatted(fmt(perRequest[0]), fmt(perRequest[1]))
                    : " The database ran %s statements per case view for the hub and %s for @neo4j/graphql, which compiles the whole operation into one statement; the hub resolves each level with its own batched statement (`@BatchMapping`), so each request costs that many Bolt round trips and plan-cache lookups."
                    .formatted(fmt(perRequest[0]), fmt(perRequest[1])));
        }
        text.append(" Besides, every hub request verifies a JWT, runs the edge's limits, applies the field rules and appends a disclosure-log entry; the alternative does none of this.\n");
        double national = meanHubRate(caseView);
        double scoped = meanHubRate(regional);
        if (!Double.isNaN(national) && !Double.isNaN(scoped)) {
            double[] regionalStatements = statementsPerRequest.get(regional);
            text.append("- **The rows condition.** Asked by a regional caller (probation-demo, KZ-75), whose every person read carries an `EXISTS` condition on the person's states and planned releases, the hub served on average %s req/s against %s req/s for the national caller (ratio %s)%s.\n"
                    .formatted(fmt(scoped), fmt(national), fmt(scoped / national),
                            regionalStatements == null ? "" : ", with %s statements per request".formatted(fmt(regionalStatements[0]))));
            if (scoped / national >= 0.9) {
                text.append("  No cost of the rows condition shows at this scale: the condition is checked on the few persons a case view reads. The national caller's runs came first after the hub started, so they may include JIT warm-up that the 3 to 7 s warm-up run did not finish.\n");
            }
        }
        text.append("- **Releases page.** The hub's throughput over the alternative's: ").append(ratios(page)).append('.');
        if (hubProfile != null && altProfile != null) {
            text.append(" PROFILEd with the same parameters, the hub's page statement cost %,d db hits and @neo4j/graphql's %,d (%s times as many)%s. How each reaches and orders its rows: the hub's plan through %s; @neo4j/graphql's through %s (full plans above)."
                    .formatted(hubProfile.dbHits(), altProfile.dbHits(), fmt(altProfile.dbHits() / (double) Math.max(1, hubProfile.dbHits())),
                            statementsPerRequest.containsKey(page) ? "; the hub's figure is its page statement only, not the other %s statements per page that batch-load persons, programmes and referrals by key"
                                    .formatted(fmt(statementsPerRequest.get(page)[0] - 1)) : "",
                            hubProfile.access(), altProfile.access()));
        }
        text.append('\n');
        if (unwindRate > 0) {
            text.append("- **Ingest.** The batch file reached %s, HTTP %s and the broker %s of the UNWIND baseline's rate: the intake validates and files every record with its outbox messages, revisions and disclosure entry (a batch file's records up to 200 per transaction, HTTP and broker records that arrive together in one), the baseline a thousand per transaction with no checks.\n"
                    .formatted(fmt(intakeFileRate / unwindRate), fmt(intakeHttpRate / unwindRate), fmt(intakeBrokerRate / unwindRate)));
            if (!Double.isNaN(intakeStatementsPerRecord)) {
                double perRecord = 1000 / intakeFileRate;
                text.append("  Per record of the batch file the intake ran %s statements (the dispatcher's, delivering the notices the records queued, included), and the database spent %s ms on them, %s ms of it compiling; at %s records/s, one after another, a record takes about %s ms, so %s. The baseline sends one statement per thousand records and queues no notices.\n"
                        .formatted(fmt(intakeStatementsPerRecord), fmt(intakeDatabaseMillisPerRecord),
                                fmt(intakeCompileMillisPerRecord), fmt(intakeFileRate),
                                fmt(perRecord), intakeDatabaseMillisPerRecord >= 0.5 * perRecord
                                        ? "the database's work is the larger part of a record's time"
                                        : "%s ms of it is spent outside the database's statements: in the Bolt round trips, the hub's own work (Camel, validation, JSON, the disclosure log's hash chain) and waiting for the 2 cores the hub shares with the database; this run does not break that part down further"
                                                .formatted(fmt(perRecord - intakeDatabaseMillisPerRecord))));
            }
        }
        if (!Double.isNaN(handoffP50)) {
            text.append("- **Handoff.** The median notice at the slowest rate arrived %s ms after the intake answered; p99 %s. The commit that queues a notice wakes the dispatcher for its recipient, so a notice does not wait for a poll; what remains is the dispatcher's attempt (taking the due messages, the HTTP call, recording the answer) on cores shared with the intake's own work.\n"
                    .formatted(fmt(handoffP50), String.join(", ", handoffP99)));
        }
        return text.toString();
    }

    /** Around the summary paragraph of docs/benchmarks/soak.md, which docs/benchmarks.md repeats. */
    static final String SOAK_SUMMARY_START = "<!-- soak summary -->\n";
    static final String SOAK_SUMMARY_END = "\n<!-- /soak summary -->";

    /**
     * The markdown with its "## Soak" section (re)written from the soak's own report, images/soak.md,
     * if there is one: the soak takes ten minutes and a full run does not repeat it, so a full run
     * keeps the last soak's result instead of dropping it, and a soak run updates only this section.
     */
    static String withSoakSection(String markdown, Path images) throws IOException {
        Path soak = images.resolve("soak.md");
        if (!Files.exists(soak)) {
            return markdown;
        }
        String report = Files.readString(soak);
        int from = report.indexOf(SOAK_SUMMARY_START);
        int to = report.indexOf(SOAK_SUMMARY_END);
        String summary = from < 0 || to < from ? "(no summary found in benchmarks/soak.md)"
                : report.substring(from + SOAK_SUMMARY_START.length(), to).strip();
        String section = """
                ## Soak

                %s

                The run in full, with the accounting, p99 and memory minute by minute and the errors by kind:
                [benchmarks/soak.md](benchmarks/soak.md). Written by `benchmarks/soak` (`benchmarks/run --parts soak`),
                which a full `benchmarks/run` does not repeat; it keeps this section as the last soak left it.
                """.formatted(summary);
        int start = markdown.indexOf("\n## Soak\n");
        if (start < 0) {
            return markdown.stripTrailing() + "\n\n" + section;
        }
        int next = markdown.indexOf("\n## ", start + 1);
        return markdown.substring(0, start + 1) + section + (next < 0 ? "" : markdown.substring(next));
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
                """.formatted(images.resolve(image), title.replace("'", "''"), data);
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

    static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    }

    static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").orElse("?");
    }

    /** The commit the jar was built from, marked when the working tree had changes besides this report. */
    static String commit() {
        String head = command("git", "rev-parse", "--short", "HEAD");
        boolean changed = !command("git", "status", "--porcelain", "--", ".", ":!docs/benchmarks.md", ":!docs/benchmarks").isBlank();
        return head + (changed ? " with uncommitted changes" : "");
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
