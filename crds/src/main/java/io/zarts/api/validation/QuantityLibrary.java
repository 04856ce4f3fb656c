package io.zarts.api.validation;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;

/**
 * The part of the API server's Kubernetes quantity library for CEL that the CRD's rules use: {@code
 * quantity(string)}, {@code isQuantity(string)} and the comparisons {@code compareTo}, {@code
 * isLessThan} and {@code isGreaterThan}, so that the offline validator can run a rule such as
 * "checkpoint.size may not be lowered" as the server does.
 */
final class QuantityLibrary {

  static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");

  /** A parsed quantity: its amount in base units, compared by value (1Gi equals 1024Mi). */
  record Value(BigDecimal amount) {}

  private QuantityLibrary() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration(
            "quantity",
            CelOverloadDecl.newGlobalOverload("string_to_quantity", QUANTITY, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "isQuantity",
            CelOverloadDecl.newGlobalOverload(
                "is_quantity_string", SimpleType.BOOL, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "compareTo",
            CelOverloadDecl.newMemberOverload(
                "quantity_compareTo_quantity", SimpleType.INT, QUANTITY, QUANTITY)),
        CelFunctionDecl.newFunctionDeclaration(
            "isLessThan",
            CelOverloadDecl.newMemberOverload(
                "quantity_isLessThan_quantity", SimpleType.BOOL, QUANTITY, QUANTITY)),
        CelFunctionDecl.newFunctionDeclaration(
            "isGreaterThan",
            CelOverloadDecl.newMemberOverload(
                "quantity_isGreaterThan_quantity", SimpleType.BOOL, QUANTITY, QUANTITY)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_quantity", String.class, QuantityLibrary::parse),
        CelFunctionBinding.from(
            "is_quantity_string", String.class, text -> parseOrNull(text) != null),
        CelFunctionBinding.from(
            "quantity_compareTo_quantity",
            Value.class,
            Value.class,
            (a, b) -> (long) a.amount().compareTo(b.amount())),
        CelFunctionBinding.from(
            "quantity_isLessThan_quantity",
            Value.class,
            Value.class,
            (a, b) -> a.amount().compareTo(b.amount()) < 0),
        CelFunctionBinding.from(
            "quantity_isGreaterThan_quantity",
            Value.class,
            Value.class,
            (a, b) -> a.amount().compareTo(b.amount()) > 0));
  }

  private static Value parse(String text) throws CelEvaluationException {
    Value value = parseOrNull(text);
    if (value == null) {
      throw new CelEvaluationException("invalid quantity: " + text);
    }
    return value;
  }

  private static Value parseOrNull(String text) {
    try {
      return new Value(Quantity.getAmountInBytes(new Quantity(text)));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }
}
