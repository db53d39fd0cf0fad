package io.wapipeline.testsupport;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * {@link RequiresConformanceCorpus} for jqwik's properties, which JUnit Jupiter's conditions do not reach: put it on a
 * property with {@code @AddLifecycleHook(ConformanceCorpusHook.class)}.
 */
public final class ConformanceCorpusHook implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return Conformance.skipReason(context.label()).map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }
}
