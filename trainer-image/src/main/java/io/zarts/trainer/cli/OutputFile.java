package io.zarts.trainer.cli;

import io.zarts.trainer.output.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Where a rendering command's text goes: the -o file (replaced atomically), or stdout. */
final class OutputFile {

  private OutputFile() {}

  static void write(String text, Path output, PrintWriter stdout) {
    if (output == null) {
      stdout.print(text);
    } else {
      AtomicFiles.write(output, text);
    }
  }
}
