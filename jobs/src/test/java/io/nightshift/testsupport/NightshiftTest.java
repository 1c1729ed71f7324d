package io.nightshift.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application against the shared throw-away PostgreSQL and Mongo servers of the
 * test JVM (see the surefire system properties). All such tests share one cached context;
 * each resets the data it relies on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
public @interface NightshiftTest {

}
