package io.animalhospital.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The local stack's trace viewer: Zipkin's server (its {@code exec} jar from Maven Central, fetched by this module's
 * build) with spans kept in memory. The services send their spans to {@link #spansEndpoint()}; a browser opens
 * {@link #url()} and searches a trace by {@code reservation.id} (decision 0095).
 */
public final class ZipkinServer {

    private final int port;
    private final Path logFile;
    private Process process;

    public ZipkinServer(Path baseDir, int port) {
        this.port = port;
        this.logFile = baseDir.resolve("zipkin.log");
    }

    /** The viewer's page. */
    public String url() {
        return "http://127.0.0.1:" + port + "/zipkin/";
    }

    /** Where the services send spans (Zipkin's v2 JSON intake). */
    public String spansEndpoint() {
        return "http://127.0.0.1:" + port + "/api/v2/spans";
    }

    /** The query API ({@code /api/v2/traces}, {@code /api/v2/trace/{id}}). */
    public String apiUrl() {
        return "http://127.0.0.1:" + port + "/api/v2";
    }

    public Path logFile() {
        return logFile;
    }

    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).filter(Process::isAlive).map(Process::toHandle);
    }

    public ZipkinServer start() {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // A small heap and C1 only: a viewer beside five services on a small machine.
                    "-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("QUERY_PORT", String.valueOf(port));
            builder.environment().put("STORAGE_TYPE", "mem");
            builder.environment().put("MEM_MAX_SPANS", "200000");
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the server answers its health check. */
    public ZipkinServer awaitReady() {
        Processes.await("Zipkin on port " + port + " (log: " + logFile + ")", Duration.ofSeconds(120), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zipkin exited with " + process.exitValue() + "; see " + logFile + ":\n"
                        + Processes.tail(logFile, 30));
            }
            return Processes.answersOk("http://127.0.0.1:" + port + "/health");
        });
        return this;
    }

    public void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(10));
        }
    }


    private static Path jar() {
        Properties properties = new Properties();
        try (InputStream in = ZipkinServer.class.getResourceAsStream("zipkin.properties")) {
            if (in == null) {
                throw new IllegalStateException("zipkin.properties missing: build deploy/infra");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = Path.of(properties.getProperty("jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Zipkin's server " + jar + " is missing: build deploy/infra"
                    + " (./mvnw package -pl deploy/infra -am) to fetch it from Maven Central");
        }
        return jar;
    }
}
