package io.pdfsluice.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The app loads its routes from a list of files, not a classpath wildcard (which scans every jar at start-up): a
 * route file added under routes/ and not listed would silently not run.
 */
class RouteFilesTest {

    @Test
    void everyRouteFileIsListedOnceAndEveryListedOneExists() throws IOException {
        Properties app = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            app.load(in);
        }
        List<String> listed = Arrays.stream(app.getProperty("camel.main.routes-include-pattern").split(","))
                .map(String::trim).toList();
        List<String> files;
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            files = routes.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted()
                    .map(n -> "classpath:routes/" + n).toList();
        }
        assertEquals(files, listed.stream().sorted().toList(), "camel.main.routes-include-pattern");
    }
}
