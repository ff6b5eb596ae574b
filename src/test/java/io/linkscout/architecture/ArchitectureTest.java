package io.linkscout.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout of the README's "Architecture" section, checked over the compiled main classes (bytecode sees
 * imports and fully-qualified names alike). A forbidden dependency fails the build with the offending class and
 * line.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.linkscout");
    }

    /** Each Java package is its own slice: cli and cli.jobs count as two packages, so they may not form a cycle. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.linkscout.(**)").should().beFreeOfCycles();

    static final List<ArchRule> FORBIDDEN = List.of(
            noClasses().that().resideInAPackage("io.linkscout.graph..").should().dependOnClassesThat()
                    .resideInAnyPackage("io.linkscout.index..", "org.apache.lucene..")
                    .because("graph algorithms are pure Java over int arrays"),
            noClasses().that().haveSimpleName("CorpusAnalysis").or().haveSimpleName("SiteAggregates")
                    .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                    .because("the corpus analysis of a build is pure Java; only DocumentMapper makes documents"),
            noClasses().that().resideInAPackage("io.linkscout.rank..").should().dependOnClassesThat()
                    .resideInAnyPackage("io.linkscout.api..", "io.linkscout.outreach.."),
            noClasses().that().resideInAPackage("io.linkscout.index..").should().dependOnClassesThat()
                    .resideInAPackage("io.linkscout.api.."),
            noClasses().that().resideInAPackage("io.linkscout.ingest..").should().dependOnClassesThat()
                    .resideInAPackage("io.linkscout.rank.."),
            noClasses().that().resideInAPackage("io.linkscout.nlp..").should().dependOnClassesThat()
                    .resideInAPackage("io.linkscout.index.."),
            noClasses().that().resideOutsideOfPackage("io.linkscout.cli..").should().dependOnClassesThat()
                    .resideInAPackage("io.linkscout.cli..")
                    .because("cli is an adapter: nothing calls into it"),
            noClasses().that().resideOutsideOfPackage("io.linkscout.api..").should().dependOnClassesThat()
                    .resideInAPackage("io.linkscout.api..")
                    .because("api is an adapter: nothing calls into it"),
            noClasses().that().resideOutsideOfPackage("io.linkscout.cli..").should().dependOnClassesThat()
                    .resideInAPackage("picocli..")
                    .because("services know nothing of picocli; commands live in cli"),
            noClasses().that().resideOutsideOfPackage("io.linkscout.api..").should().dependOnClassesThat()
                    .resideInAPackage("jakarta.ws.rs..")
                    .because("services know nothing of JAX-RS; resources live in api"),
            noClasses().that().resideOutsideOfPackage("io.linkscout.search..").should().dependOnClassesThat()
                    .resideInAPackage("org.opensearch..")
                    .because("the OpenSearch client is behind the search.SearchBackend seam"),
            noClasses().that().resideInAPackage("io.linkscout.error..").should().dependOnClassesThat(
                    JavaClass.Predicates.resideInAPackage("io.linkscout..")
                            .and(JavaClass.Predicates.resideOutsideOfPackage("io.linkscout.error..")))
                    .because("every layer may use the error package, so it uses none"));

    @Test
    void theMainClassesWereFound() {
        assertTrue(main.size() > 100, "imported " + main.size() + " classes");
        assertTrue(main.contain(io.linkscout.cli.LinkScoutCommand.class));
    }

    @Test
    void noPackageCycles() {
        NO_PACKAGE_CYCLES.check(main);
    }

    @Test
    void noForbiddenDependency() {
        StringBuilder failures = new StringBuilder();
        for (ArchRule r : FORBIDDEN) {
            EvaluationResult result = r.evaluate(main);
            if (result.hasViolation()) {
                failures.append(result.getFailureReport()).append('\n');
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    /** The rules can fail: a class in graph that used Lucene would be reported (checked on a library class). */
    @Test
    void aRuleReportsAViolation() {
        JavaClasses lucene = new ClassFileImporter().importClasses(org.apache.lucene.search.IndexSearcher.class,
                org.apache.lucene.index.IndexReader.class);
        ArchRule luceneMustNotUseItsIndex = noClasses().that().resideInAPackage("org.apache.lucene.search..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene.index..");
        assertFalse(luceneMustNotUseItsIndex.evaluate(lucene).getFailureReport().isEmpty());
        assertTrue(luceneMustNotUseItsIndex.evaluate(lucene).hasViolation());
    }
}
