package io.animalhospital.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller), run as a child JVM from the
 * jars of Maven Central. The log directory is kept, so a persistent directory survives restarts.
 */
public final class KafkaBroker {

    private final Path baseDir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private Process process;

    public KafkaBroker(Path baseDir, int port, int controllerPort, int partitions) {
        this.baseDir = baseDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return baseDir.resolve("kafka.log");
    }

    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).filter(Process::isAlive).map(Process::toHandle);
    }

    public KafkaBroker start() {
        try {
            Files.createDirectories(baseDir);
            Path config = baseDir.resolve("server.properties");
            Files.writeString(config, serverProperties());
            String classpath = brokerClasspath();
            Path logDir = baseDir.resolve("data");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                Processes.run(List.of(javaBinary(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                        "--cluster-id=" + clusterId(), "-c", config.toString()), logFile(), Duration.ofSeconds(120));
            }
            // A restart appends to the same log: readiness is judged on the lines written from now on.
            long logStart = Processes.size(logFile());
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xms128m", "-Xmx512m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + writeLogConfig(), "-cp", classpath, "kafka.Kafka",
                    config.toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            Processes.await("Kafka broker on port " + port + " (log: " + logFile() + ")", Duration.ofSeconds(120),
                    () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Kafka broker exited with " + process.exitValue()
                                    + "; see " + logFile() + ":\n" + Processes.tail(logFile(), 30));
                        }
                        return Processes.portOpen(port)
                                && Processes.fileContainsAfter(logFile(), logStart, "Kafka Server started");
                    });
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Controlled shutdown (SIGTERM), forcibly after 30 s. */
    public void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(30));
        }
    }

    /** A crash (SIGKILL): no controlled shutdown; {@link #start()} again recovers the kept log directory. */
    public void kill() {
        if (process != null && process.isAlive()) {
            Processes.kill(process.toHandle());
        }
    }

    private String serverProperties() {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + baseDir.resolve("data"),
                // Several partitions per topic so that added consumer replicas share the work.
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "") ;
    }

    private Path writeLogConfig() throws IOException {
        Path file = baseDir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "appender.stdout.type=Console",
                "appender.stdout.name=STDOUT",
                "appender.stdout.layout.type=PatternLayout",
                "appender.stdout.layout.pattern=[%d] %p %m (%c)%n",
                "logger.kafka.name=kafka",
                "logger.kafka.level=INFO",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                ""));
        return file;
    }

    private static String clusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Written at build time by the kafka-broker module: the broker's jars in the local Maven repository. */
    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka-classpath.txt")) {
            if (in == null) {
                throw new IllegalStateException("kafka-classpath.txt missing: build deploy/kafka-broker first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
