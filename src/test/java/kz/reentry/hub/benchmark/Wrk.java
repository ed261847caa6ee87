package kz.reentry.hub.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;

/** One wrk run (benchmarks/wrk/graphql.lua) and what it printed. */
record Wrk(int connections, double requestsPerSecond, double p50, double p90, double p99, long errors, long requests) {

    static Wrk run(Path root, String url, String body, String headers, Path ids, int connections, int seconds)
            throws Exception {
        var builder = new ProcessBuilder(List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections,
                "-d" + seconds + "s", "--latency", "--timeout", "10s", "-s", root.resolve("benchmarks/wrk/graphql.lua").toString(), url))
                .redirectErrorStream(true);
        builder.environment().put("BODY", body);
        builder.environment().put("HEADERS", headers);
        if (ids != null) {
            builder.environment().put("IDS", ids.toString());
        }
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher requests = Benchmarks.match("(\\d+) requests in", output);
        Matcher rate = Benchmarks.match("Requests/sec:\\s+([\\d.]+)", output);
        Matcher errors = Benchmarks.match("graphql-errors: (\\d+)", output);
        return new Wrk(connections, Double.parseDouble(rate.group(1)), percentile(output, "50"), percentile(output, "90"),
                percentile(output, "99"), errors == null ? -1 : Long.parseLong(errors.group(1)),
                requests == null ? 0 : Long.parseLong(requests.group(1)));
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
