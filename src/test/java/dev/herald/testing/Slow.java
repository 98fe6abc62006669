package dev.herald.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that is slow by nature: thousands of generated inputs, the hostile corpus, a child
 * JVM that is killed or signalled, or a measurement of time or memory. Maven runs these in their
 * own surefire execution after the fast ones ({@code -Dherald.skipSlow} leaves them out while
 * working; {@code mvn -B verify} and CI run everything).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface Slow {}
