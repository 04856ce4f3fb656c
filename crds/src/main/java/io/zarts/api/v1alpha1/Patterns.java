package io.zarts.api.v1alpha1;

/**
 * Regular expressions for the CRD schema. RE2 syntax (no look-around), as the API server evaluates
 * them.
 */
final class Patterns {

  static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  static final int DNS_SUBDOMAIN_MAX = 253;
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  static final int DNS_LABEL_MAX = 63;

  /**
   * Relative path of plain segments: no leading '/', no empty segment. '..' is refused by a CEL
   * rule.
   */
  static final String RELATIVE_PATH = "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?$";

  /** A Kubernetes quantity such as 10Gi, 500M or 1.5Ti. */
  static final String STORAGE_QUANTITY = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";

  /** A duration as Go and CEL write it: 6h, 90m, 1h30m, 45s, 1.5h (units h, m, s, ms). */
  static final String DURATION = "^([0-9]+(\\.[0-9]+)?(h|m|s|ms))+$";

  private Patterns() {}
}
