package io.pdfsluice.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The structure of the main code: packages by concern that never import each other in a circle, small classes. */
class PackagesTest {

    /** The longest a main class may grow before it is split by concern. */
    private static final int MAX_LINES = 250;

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pdfsluice");
    }

    @Test
    void packagesNeverImportEachOtherInACircle() {
        slices().matching("io.pdfsluice.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theEmbeddedEngineStandsApart() {
        noClasses().that().resideInAPackage("io.pdfsluice.engine..").should()
                .dependOnClassesThat(resideInAPackage("io.pdfsluice..").and(not(resideInAPackage("io.pdfsluice.engine.."))))
                .check(main);
    }

    @Test
    void noMainClassIsOverTheLimit() throws IOException {
        List<String> tooLong;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            tooLong = sources.filter(p -> p.toString().endsWith(".java")).filter(p -> lines(p) > MAX_LINES)
                    .map(p -> p + " (" + lines(p) + " lines)").sorted().toList();
        }
        assertEquals(List.of(), tooLong, "main classes over " + MAX_LINES + " lines");
    }

    private static long lines(Path source) {
        try (Stream<String> lines = Files.lines(source)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(source + ": " + e.getMessage(), e);
        }
    }
}
