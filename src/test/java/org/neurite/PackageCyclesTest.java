package org.neurite;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.Test;

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
                .check(library);
    }

    @Test
    void theRuleFindsAPlantedCycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.neurite.cyclefixture");
        AssertionError e = assertThrows(AssertionError.class, () -> freeOfCycles("org.neurite.cyclefixture").check(fixture));
        assertTrue(e.getMessage().contains("Cycle detected: Slice a"), e.getMessage());
    }
}
