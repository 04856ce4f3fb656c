package io.zarts.api.genotype;

/**
 * A genotype text that is not in the DARTS repr or the ZARTS JSON form; says where it went wrong.
 */
public class GenotypeFormatException extends IllegalArgumentException {

  private final int position;

  public GenotypeFormatException(String problem, String text, int position) {
    super("invalid genotype at character " + position + ": " + problem + context(text, position));
    this.position = position;
  }

  public int getPosition() {
    return position;
  }

  private static String context(String text, int position) {
    if (text == null) {
      return "";
    }
    int from = Math.max(0, position - 20);
    int to = Math.min(text.length(), position + 20);
    return " (near \"" + text.substring(from, to) + "\")";
  }
}
