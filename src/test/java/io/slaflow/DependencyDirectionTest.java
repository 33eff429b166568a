package io.slaflow;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which way our packages may depend on each other, read from the compiled classes (a constant the compiler copies
 * into its reader is not a dependency there). From the bottom: the calendar and the web edge know nothing of ours;
 * then the organisation, notifications, the SLA clock, routing and the engine's guards (the kernel); the unit kit;
 * the units; the views over several units; and the application's assembly on top. The folder structure in
 * README.md ("Where things are") says the same.
 */
class DependencyDirectionTest {

  private static final String[] KERNEL = {"io.slaflow.calendar", "io.slaflow.web", "io.slaflow.org",
      "io.slaflow.notify", "io.slaflow.sla", "io.slaflow.routing", "io.slaflow.validation"};
  private static final String[] UNITS = {"io.slaflow.intake", "io.slaflow.pipeline", "io.slaflow.support",
      "io.slaflow.contract", "io.slaflow.expansion"};

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.slaflow");
  }

  @Test
  void noTwoPackagesDependOnEachOtherThroughAnyPath() {
    slices().assignedFrom(eachPackage()).should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackageDependsDownwardsOnly() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer("Kernel").definedBy(KERNEL)
        .layer("Unit kit").definedBy("io.slaflow.unit")
        .layer("Units").definedBy(UNITS)
        .layer("Views").definedBy("io.slaflow.desk", "io.slaflow.report", "io.slaflow.ops")
        .layer("Application").definedBy("io.slaflow", "io.slaflow.web.security")
        .whereLayer("Kernel").mayNotAccessAnyLayer()
        .whereLayer("Unit kit").mayOnlyAccessLayers("Kernel")
        .whereLayer("Units").mayOnlyAccessLayers("Kernel", "Unit kit")
        .whereLayer("Views").mayOnlyAccessLayers("Kernel", "Unit kit", "Units")
        .check(classes);
  }

  @Test
  void theCalendarAndTheWebEdgeKnowNothingOfOurs() {
    for (String bottom : new String[] {"io.slaflow.calendar", "io.slaflow.web"}) {
      noClasses().that().resideInAPackage(bottom)
          .should().dependOnClassesThat(resideInAPackage("io.slaflow..").and(not(resideInAPackage(bottom))))
          .check(classes);
    }
  }

  /** Each package a slice of its own, the root and sub-packages like web.security included. */
  private static SliceAssignment eachPackage() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        return javaClass.getPackageName().startsWith("io.slaflow")
            ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "each package of io.slaflow";
      }
    };
  }
}
