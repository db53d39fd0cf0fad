package io.wapipeline.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit Jupiter test (class or method) that reads the external conformance corpus: it runs where
 * {@link Conformance#find()} finds the corpus and is skipped elsewhere, saying so; where the corpus is required
 * ({@code -Dconformance.required=true}, as {@code .ci/run} sets) a missing corpus fails it instead. jqwik's properties
 * take {@code @AddLifecycleHook(ConformanceCorpusHook.class)}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConformanceCorpusCondition.class)
public @interface RequiresConformanceCorpus {
}
