package kz.reentry.hub.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node.js test tooling of {@code src/test/federation} (Apollo's composer and gateway) with
 * the machine's node and npm; installs it from the committed lock file on first use.
 */
public final class NodeTooling {

    public static final Path HOME = Path.of("src/test/federation").toAbsolutePath();

    private NodeTooling() {
    }

    public static synchronized void ensureInstalled() {
        Path installed = HOME.resolve("node_modules/.package-lock.json");
        try {
            if (Files.exists(installed)
                    && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(HOME.resolve("package-lock.json"))) >= 0) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result result = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 600);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("npm ci failed in " + HOME + ":\n" + result.output());
        }
    }

    /** Runs a command in the tooling folder to its end and returns its exit code and combined output. */
    public static Result run(List<String> command, Map<String, String> environment, int timeoutSeconds) {
        try {
            Process process = start(command, environment);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command + "; Node.js 20+ and npm must be on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a long-running script and returns once it printed {@code prefix=value}, with the value.
     * The process keeps running until the returned handle is closed.
     */
    public static Running startAndAwait(List<String> command, Map<String, String> environment, String prefix) {
        try {
            Process process = start(command, environment);
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(prefix + "=")) {
                    Thread drain = new Thread(() -> reader.lines().forEach(l -> { }));
                    drain.setDaemon(true);
                    drain.start();
                    return new Running(process, line.substring(prefix.length() + 1));
                }
                seen.add(line);
            }
            throw new IllegalStateException(command + " ended before printing " + prefix + ":\n" + String.join("\n", seen));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process start(List<String> command, Map<String, String> environment) throws IOException {
        var builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    public record Result(int exitCode, String output) {
    }

    public record Running(Process process, String value) implements AutoCloseable {
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }
}
