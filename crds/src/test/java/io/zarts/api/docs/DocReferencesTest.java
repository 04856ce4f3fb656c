package io.zarts.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zarts.api.RepoFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document that sources, poms, scripts and docs refer to is in this repository: a reference
 * to a Markdown file names one that exists, and every relative link in a Markdown file resolves. A
 * reader can follow them all.
 */
class DocReferencesTest {

  private static final Set<String> SKIPPED_FOLDERS =
      Set.of(".git", "target", "node_modules", "runs", ".idea");
  private static final Pattern MARKDOWN_FILE =
      Pattern.compile("(?<![\\w/.-])([\\w./-]*[\\w-]+\\.md)\\b");
  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s#]+)(#[^)\\s]*)?\\)");

  /** Text files of the repository, with their content. */
  record TextFile(Path path, String text) {}

  static List<TextFile> textFiles() throws IOException {
    List<TextFile> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(RepoFiles.root())) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (!Files.isRegularFile(p)
            || Files.size(p) > 1 << 20
            || skipped(RepoFiles.root().relativize(p))) {
          continue;
        }
        try {
          files.add(
              new TextFile(
                  p,
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .decode(ByteBuffer.wrap(Files.readAllBytes(p)))
                      .toString()));
        } catch (CharacterCodingException binary) {
          // Images and other binary files hold no references.
        }
      }
    }
    return files;
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      if (SKIPPED_FOLDERS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where a reference may point: beside the file, from the repository root, or (a bare name)
   * anywhere in it.
   */
  static boolean resolves(Path from, String reference, Set<String> markdownNames) {
    if (Files.exists(from.getParent().resolve(reference))
        || Files.exists(RepoFiles.resolve(reference))) {
      return true;
    }
    return !reference.contains("/") && markdownNames.contains(reference);
  }

  @Test
  void everyReferencedDocumentIsInTheRepository() throws IOException {
    List<TextFile> files = textFiles();
    assertThat(files)
        .extracting(f -> f.path().getFileName().toString())
        .contains("README.md", "pom.xml");
    Set<String> markdownNames = new HashSet<>();
    files.stream()
        .map(f -> f.path().getFileName().toString())
        .filter(n -> n.endsWith(".md"))
        .forEach(markdownNames::add);
    List<String> missing = new ArrayList<>();
    for (TextFile f : files) {
      String where = RepoFiles.root().relativize(f.path()).toString();
      Matcher m = MARKDOWN_FILE.matcher(f.text());
      while (m.find()) {
        if (!resolves(f.path(), m.group(1), markdownNames)) {
          missing.add(where + ": " + m.group(1));
        }
      }
      if (where.endsWith(".md")) {
        Matcher link = MARKDOWN_LINK.matcher(f.text());
        while (link.find()) {
          String target = link.group(1);
          if (!target.matches("^[a-z]+:.*")
              && !Files.exists(f.path().getParent().resolve(target))) {
            missing.add(where + ": link " + target);
          }
        }
      }
    }
    assertThat(missing).as("references to documents that are not in the repository").isEmpty();
  }

  @Test
  void theCheckFindsAMissingDocument() {
    Path readme = RepoFiles.resolve("README.md");
    assertThat(resolves(readme, "docs/operator.md", Set.of())).isTrue();
    String md =
        ".md"; // written apart, so this file holds no reference to a missing document itself
    assertThat(resolves(readme, "docs/no-such-page" + md, Set.of())).isFalse();
    assertThat(resolves(readme, "design" + md, Set.of("operator.md"))).isFalse();
  }
}
