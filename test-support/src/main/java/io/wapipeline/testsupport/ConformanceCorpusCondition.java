package io.wapipeline.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides {@link RequiresConformanceCorpus} for JUnit Jupiter's tests. */
final class ConformanceCorpusCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Conformance.skipReason(context.getDisplayName()).map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("the conformance corpus is found"));
    }
}
