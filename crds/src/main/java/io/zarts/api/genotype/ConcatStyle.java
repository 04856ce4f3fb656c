package io.zarts.api.genotype;

/** How the concat lists are printed: DARTS writes range(2, 6), ZARTS writes [2, 3, 4, 5]. */
public enum ConcatStyle {
  /** range(a, b) when the list is consecutive, else a list. */
  RANGE,
  /** Always a list. */
  LIST
}
