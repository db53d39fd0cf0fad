package io.wapipeline.model;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.ArchitectureRules;

/** No package cycle under {@code io.wapipeline.model}, and no production class that depends on test code. */
class ArchitectureTest {

    @Test
    void packagesAreFreeOfCyclesAndProductionCodeDoesNotDependOnTestCode() {
        ArchitectureRules.verify("io.wapipeline.model");
    }
}
