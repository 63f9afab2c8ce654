package io.moments;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package picture holds: capabilities use each other one way only, the cluster jar's classes never
 * reach the local tools, and the models know nothing of the job (they are usable, and tested, on their own).
 */
@AnalyzeClasses(packages = "io.moments", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * One slice per package under io.moments, the root package (MomentsJob) included and each model
     * package on its own: no cycle of any length between them.
     */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (pkg.equals("io.moments")) {
                return SliceIdentifier.of("io.moments (root)");
            }
            if (!pkg.startsWith("io.moments.")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = pkg.substring("io.moments.".length()).split("\\.");
            return SliceIdentifier.of(parts[0].equals("models") && parts.length > 1 ? "models." + parts[1] : parts[0]);
        }

        @Override
        public String getDescription() {
            return "packages of io.moments";
        }
    }).should().beFreeOfCycles();

    /** The local tools: ./moments and its demo, benchmarks, local broker, live view, consumer example and label tools. */
    static final String[] LOCAL_TOOLS = {"io.moments.cli..", "io.moments.demo..", "io.moments.bench..",
            "io.moments.local..", "io.moments.consumer..", "io.moments.ratings.."};

    /**
     * The shaded job jar leaves the local tools out (job/pom.xml), so nothing it holds may reach them: the
     * job, its entry point ({@code io.moments.run}) and the models.
     */
    @ArchTest
    static final ArchRule theClusterJarNeverReachesTheLocalTools = noClasses().that().resideInAPackage("io.moments..")
            .and().resideOutsideOfPackages(LOCAL_TOOLS)
            .should().dependOnClassesThat().resideInAnyPackage(LOCAL_TOOLS);

    @ArchTest
    static final ArchRule modelsNeverImportTheJob = classes().that().resideInAPackage("io.moments.models..")
            .should().onlyDependOnClassesThat(resideInAPackage("io.moments.models..")
                    .or(resideOutsideOfPackage("io.moments..")));
}
