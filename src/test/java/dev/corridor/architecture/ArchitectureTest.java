package dev.corridor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.corridor.architecture.CorridorArchitecture.NamedRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Checks every rule in {@link CorridorArchitecture} against the production classes of {@code dev.corridor}. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CorridorArchitecture.BASE_PACKAGE);
    }

    @Test
    void importSeesTheProductionCodeAndNothingFromTheTests() {
        // If the import were empty, every rule would pass vacuously.
        assertThat(production.contain("dev.corridor.cli.Main")).as("dev.corridor.cli.Main imported").isTrue();
        assertThat(production.stream().map(JavaClass::getPackageName))
                .as("fixtures and other test classes stay out of the production check")
                .noneMatch(name -> name.startsWith("dev.corridor.archfixture"))
                .noneMatch(name -> name.startsWith("dev.corridor.architecture"));
    }

    @TestFactory
    Stream<DynamicTest> productionCodeKeepsEveryRule() {
        return CorridorArchitecture.rules().stream()
                .map(named -> DynamicTest.dynamicTest(named.id(), () -> check(named)));
    }

    /** Checks one rule; a failure message starts with the rule's id so the report says which rule broke. */
    private static void check(NamedRule named) {
        try {
            named.rule().check(production);
        } catch (AssertionError violation) {
            throw new AssertionError("[" + named.id() + "] " + violation.getMessage(), violation);
        }
    }

    @Test
    void ruleIdsAreUnique() {
        assertThat(CorridorArchitecture.rules()).extracting(NamedRule::id).doesNotHaveDuplicates();
    }
}
