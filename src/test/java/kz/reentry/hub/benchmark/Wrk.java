package kz.reentry.hub.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** One wrk run (a script of benchmarks/wrk/) and what it printed. */
record Wrk(int connections, double requestsPerSecond, double p50, double p90, double p99, long errors, long requests) {

    /** GraphQL reads (graphql.lua): {@code body} with a person id from {@code ids} put in, if given. */
    static Wrk run(Path root, String url, String body, String headers, Path ids, int connections, int seconds)
            throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("BODY", body, "HEADERS", headers));
        if (ids != null) {
            environment.put("IDS", ids.toString());
        }
        String output = execute(root, "graphql.lua", url, environment, connections, seconds);
        Matcher errors = Benchmarks.match("graphql-errors: (\\d+)", output);
        return parse(output, connections, errors == null ? -1 : Long.parseLong(errors.group(1)));
    }

    /** Release records posted to the intake (intake.lua): how many it filed, and in what time. */
    record Intake(Wrk run, long accepted, long other, double seconds) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }
    }

    /** Each record of {@code records} (JSON bodies, one per line) posted once, for at most {@code seconds}. */
    static Intake intake(Path root, String url, String headers, Path records, int connections, int seconds) throws Exception {
        String output = execute(root, "intake.lua", url, Map.of("HEADERS", headers, "RECORDS", records.toString(),
                "THREADS", Integer.toString(threads(connections))), connections, seconds);
        long accepted = Long.parseLong(Benchmarks.match("intake-accepted: (\\d+)", output).group(1));
        long other = Long.parseLong(Benchmarks.match("intake-other: (\\d+)", output).group(1));
        Matcher took = Benchmarks.match("requests in ([\\d.]+)(ms|s|m)", output);
        double value = Double.parseDouble(took.group(1));
        double runtime = switch (took.group(2)) {
            case "ms" -> value / 1000;
            case "m" -> value * 60;
            default -> value;
        };
        return new Intake(parse(output, connections, other), accepted, other, runtime);
    }

    private static int threads(int connections) {
        return Math.min(2, connections);
    }

    private static String execute(Path root, String script, String url, Map<String, String> environment, int connections,
                                  int seconds) throws Exception {
        var builder = new ProcessBuilder(List.of("wrk", "-t" + threads(connections), "-c" + connections,
                "-d" + seconds + "s", "--latency", "--timeout", "10s", "-s", root.resolve("benchmarks/wrk/" + script).toString(), url))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }

    private static Wrk parse(String output, int connections, long errors) {
        Matcher requests = Benchmarks.match("(\\d+) requests in", output);
        Matcher rate = Benchmarks.match("Requests/sec:\\s+([\\d.]+)", output);
        return new Wrk(connections, Double.parseDouble(rate.group(1)), percentile(output, "50"), percentile(output, "90"),
                percentile(output, "99"), errors, requests == null ? 0 : Long.parseLong(requests.group(1)));
    }

    /** A latency percentile in milliseconds. */
    private static double percentile(String output, String percent) {
        Matcher line = Benchmarks.match("^\\s+" + percent + "%\\s+([\\d.]+)(us|ms|s)\\s*$", output);
        if (line == null) {
            return Double.NaN;
        }
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
