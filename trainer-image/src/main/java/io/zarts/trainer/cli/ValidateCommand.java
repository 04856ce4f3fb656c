package io.zarts.trainer.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a resource file with the CRD's rules and prints it with every default filled in. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Validate an ArchitectureSearch file as the API server would and print it with its defaults.")
final class ValidateCommand implements Callable<Integer> {

  /**
   * YAML as people write it: no document marker, quotes only where a value would otherwise change
   * type.
   */
  static final YAMLMapper PLAIN_YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  @Parameters(index = "0", paramLabel = "FILE", description = "The ArchitectureSearch YAML file.")
  Path file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      var result =
          ArchitectureSearchValidator.bundled().validate(ArchitectureSearchFiles.readTree(file));
      result.orThrow(file.toString());
      spec.commandLine().getOut().print(PLAIN_YAML.writeValueAsString(result.resource()));
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      return Failure.report(e, spec.commandLine().getErr());
    }
  }
}
