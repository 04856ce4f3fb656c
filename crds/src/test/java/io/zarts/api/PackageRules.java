package io.zarts.api;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The package structure rules every module checks with ArchUnit (docs/architecture.md §1). */
public final class PackageRules {

  private PackageRules() {}

  /** The main (not test) classes under rootPackage. */
  public static JavaClasses mainClasses(String rootPackage) {
    return new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages(rootPackage);
  }

  /**
   * The packages directly under rootPackage that hold main classes, e.g. "cli" for
   * io.zarts.trainer.cli.
   */
  public static Set<String> topLevelPackages(String rootPackage) {
    Set<String> names = new TreeSet<>();
    for (JavaClass c : mainClasses(rootPackage)) {
      String rest = c.getPackageName().substring(rootPackage.length());
      if (rest.startsWith(".")) {
        names.add(rest.substring(1).split("\\.")[0]);
      }
    }
    return names;
  }

  /**
   * The packages the README lists for a module, in its line "- `ARTIFACT`, `ROOT`: `a` (...), `b`
   * ...".
   */
  public static Set<String> readmePackages(String artifactId) {
    String readme = RepoFiles.read(RepoFiles.resolve("README.md"));
    Matcher entry =
        Pattern.compile(
                "(?m)^- `" + Pattern.quote(artifactId) + "`, `[\\w.]+`[^:]*:(.*?)(?=\\n- |\\n\\n)",
                Pattern.DOTALL)
            .matcher(readme);
    if (!entry.find()) {
      throw new AssertionError("README.md lists no packages for " + artifactId);
    }
    Set<String> names = new TreeSet<>();
    Matcher name = Pattern.compile("(?<![\\w(])`([a-z][a-z0-9]*)`").matcher(entry.group(1));
    while (name.find()) {
      names.add(name.group(1));
    }
    return names;
  }

  /**
   * No two packages directly under rootPackage depend on each other, directly or through others.
   */
  public static void assertNoPackageCycles(String rootPackage) {
    JavaClasses classes = mainClasses(rootPackage);
    if (classes.isEmpty()) {
      throw new AssertionError("no classes found under " + rootPackage);
    }
    slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().check(classes);
  }
}
