package io.nightshift.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application as {@code serve} runs it (a real HTTP server on a random port) with two
 * tokens: vera, a viewer ({@link WebTestSupport#VIEWER_TOKEN}, configured by hash), and
 * otto, an operator ({@link WebTestSupport#OPERATOR_TOKEN}, configured in clear). Web
 * tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.main.web-application-type=servlet", "nightshift.web.tokens[0].name=vera",
		"nightshift.web.tokens[0].role=viewer",
		"nightshift.web.tokens[0].token-sha256=39df48fded01ef6a67acd8c3f0d4139d91dd2bbea7d0e447fc153b896a9c51e4",
		"nightshift.web.tokens[1].name=otto", "nightshift.web.tokens[1].role=operator",
		"nightshift.web.tokens[1].token=operator-secret-0815" })
@interface NightshiftWebTest {

}
