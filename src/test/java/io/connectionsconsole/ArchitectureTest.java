package io.connectionsconsole;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering STYLE.md describes, checked on the compiled classes. */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.connectionsconsole");

	@Test
	void controllersParseCallOneServiceAndChooseAViewWithoutSql() {
		noClasses().that()
			.areAnnotatedWith(Controller.class)
			.or()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat()
			.areAssignableTo(JdbcClient.class)
			.orShould()
			.dependOnClassesThat()
			.haveSimpleNameEndingWith("Repository")
			.because("controllers leave storage to the services")
			.check(CLASSES);
	}

	@Test
	void theConnectionRulesLiveOnlyInTheConnectionPackage() {
		classes().that()
			.haveSimpleName("ConnectionRepository")
			.should()
			.onlyBeAccessed()
			.byClassesThat()
			.resideInAPackage("io.connectionsconsole.connection")
			.check(CLASSES);
	}

	@Test
	void noFeatureDependsOnTheApiEndpoint() {
		noClasses().that()
			.resideOutsideOfPackage("io.connectionsconsole.api..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.connectionsconsole.api..")
			.check(CLASSES);
	}

	@Test
	void theDomainDoesNotKnowAboutServletsOrSpringMvc() {
		noClasses().that()
			.resideInAnyPackage("io.connectionsconsole.connection", "io.connectionsconsole.account",
					"io.connectionsconsole.region")
			.and()
			.areNotAnnotatedWith(Controller.class)
			.and()
			.haveSimpleNameNotEndingWith("Form")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.ui..")
			.check(CLASSES);
	}

}
