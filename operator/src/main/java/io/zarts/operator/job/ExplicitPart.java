package io.zarts.operator.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The part of a spec object that says something: every property whose value differs from what a new
 * instance of its class holds, at every depth, keys sorted. Two releases that differ by a field
 * with a default, by field order or by a value written out at its default render the same object
 * the same way, so a hash of it changes only when a user changed a value.
 */
public final class ExplicitPart {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private ExplicitPart() {}

  /** The explicit part as a JSON tree (an empty object for null or an all-default object). */
  public static JsonNode of(Object value) {
    JsonNode tree = explicit(value, null);
    return tree == null ? MAPPER.createObjectNode() : tree;
  }

  /** The explicit part as canonical JSON text. */
  public static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(of(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value without what equals the fallback (or a new instance); null when nothing is left. */
  private static JsonNode explicit(Object value, Object fallback) {
    if (value == null) {
      return null;
    }
    if (value instanceof Collection<?> items && !items.isEmpty()) {
      // Elements in full (an element's position is what it is), each without its defaults.
      ArrayNode list = MAPPER.createArrayNode();
      items.forEach(item -> list.add(of(item)));
      return list.equals(explicit(fallback, null)) ? null : list;
    }
    if (!isBean(value.getClass())) {
      JsonNode tree = MAPPER.valueToTree(value);
      boolean same = fallback != null && tree.equals(MAPPER.valueToTree(fallback));
      boolean empty = tree.isContainerNode() && tree.isEmpty();
      return same || empty ? null : tree;
    }
    Object defaults = fallback != null ? fallback : newInstance(value.getClass());
    BeanDescription bean =
        MAPPER.getSerializationConfig().introspect(MAPPER.constructType(value.getClass()));
    List<BeanPropertyDefinition> properties =
        bean.findProperties().stream()
            .filter(p -> p.getAccessor() != null)
            .sorted(Comparator.comparing(BeanPropertyDefinition::getName))
            .toList();
    ObjectNode out = MAPPER.createObjectNode();
    for (BeanPropertyDefinition p : properties) {
      AnnotatedMember accessor = p.getAccessor();
      Object v = accessor.getValue(value);
      Object d = defaults == null ? null : accessor.getValue(defaults);
      JsonNode kept = Objects.equals(v, d) ? null : explicit(v, d);
      if (kept != null) {
        out.set(p.getName(), kept);
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static boolean isBean(Class<?> type) {
    try {
      return MAPPER.getSerializerProviderInstance().findValueSerializer(type)
          instanceof BeanSerializerBase;
    } catch (JsonMappingException e) {
      return false;
    }
  }

  private static Object newInstance(Class<?> type) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
