package org.neurite;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceRule;

/**
 * The style gate's architecture rule (README, "Contributing"): the top-level packages
 * {@code org.neurite.X}, each with its subpackages, depend on each other one way only.
 */
class PackageCyclesTest {
    private static SliceRule freeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() throws URISyntaxException {
        // the library's own classes folder (target/classes): scanning every jar for org.neurite is slower
        Path classes = Path.of(Neurite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaClasses library = new ClassFileImporter().importPath(classes);
        assertTrue(library.size() > 100, "imported only " + library.size() + " classes from " + classes);
        freeOfCycles("org.neurite")
                // KNOWN CYCLE, temporarily ignored: callbacks -> models (Callback holds a models.Model;
                // models.Trainer/Fit/History use callbacks). Issue 16 deliverable 1 removes it on another
                // branch (callbacks see the model through an interface of their own); the lead deletes
                // this line when merging that branch. No other edge may close a cycle.
                .ignoreDependency(resideInAPackage("org.neurite.callbacks.."), resideInAPackage("org.neurite.models.."))
                .check(library);
    }

    @Test
    void theRuleFindsAPlantedCycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.neurite.cyclefixture");
        AssertionError e = assertThrows(AssertionError.class, () -> freeOfCycles("org.neurite.cyclefixture").check(fixture));
        assertTrue(e.getMessage().contains("Cycle detected: Slice a"), e.getMessage());
    }
}
