package io.zarts.trainer.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zarts.api.validation.ArchitectureSearchFiles;
import io.zarts.api.validation.ArchitectureSearchValidator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a resource file with the CRD's rules and prints it with every default filled in. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Validate an ArchitectureSearch file as the API server would and print it with its defaults.")
final class ValidateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The ArchitectureSearch YAML file.")
  Path file;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      var result = ArchitectureSearchValidator.bundled().validate(ArchitectureSearchFiles.readTree(file));
      result.orThrow(file.toString());
      spec.commandLine().getOut().print(new YAMLMapper().writeValueAsString(result.resource()));
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      return Failure.report(e, spec.commandLine().getErr());
    }
  }
}
