package io.wapipeline.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The layering every module keeps, checked by each module's {@code ArchitectureTest}: no cycle between the packages
 * under the module's root, and no production class that depends on test code (the module's own test classes, this
 * kit, or a test library).
 */
public final class ArchitectureRules {

    private static final java.util.List<String> TEST_LIBRARIES = java.util.List.of("io.wapipeline.testsupport", "org.junit",
            "org.assertj", "org.awaitility", "net.jqwik", "org.mockito", "org.springframework.boot.test", "org.springframework.test");

    private ArchitectureRules() {
    }

    /** Checks both rules for the module whose classes are under {@code rootPackage}, built by Maven in this directory. */
    public static void verify(String rootPackage) {
        JavaClasses production = new ClassFileImporter().importPath(Path.of("target/classes"));
        JavaClasses all = new ClassFileImporter().importPaths(Path.of("target/classes"), Path.of("target/test-classes"));
        if (production.isEmpty()) {
            throw new IllegalStateException("no classes under target/classes: run from the module's directory, after compiling");
        }
        slices().matching(rootPackage + ".(*)..").namingSlices("$1").should().beFreeOfCycles().allowEmptyShould(true)
                    .because("a package loop makes every package of it one unit: nothing can be read, tested or moved alone")
                .check(production);
        noClasses().that(inProduction()).should().dependOnClassesThat(testCode())
                .because("test code never becomes run-time code")
                .check(all);
    }

    private static DescribedPredicate<JavaClass> inProduction() {
        return DescribedPredicate.describe("are production classes", javaClass -> isUnder(javaClass, "/target/classes/"));
    }

    private static DescribedPredicate<JavaClass> testCode() {
        DescribedPredicate<JavaClass> testLibrary = DescribedPredicate.describe("are in a test library",
                javaClass -> TEST_LIBRARIES.stream()
                        .anyMatch(prefix -> javaClass.getPackageName().equals(prefix) || javaClass.getPackageName().startsWith(prefix + ".")));
        DescribedPredicate<JavaClass> testClass = DescribedPredicate.describe("are test classes",
                javaClass -> isUnder(javaClass, "/target/test-classes/"));
        return testLibrary.or(testClass);
    }

    private static boolean isUnder(JavaClass javaClass, String directory) {
        return javaClass.getSource().map(source -> source.getUri().toString().contains(directory)).orElse(false);
    }
}
