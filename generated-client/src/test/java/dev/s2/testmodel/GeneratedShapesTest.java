package dev.s2.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Properties of every generated class: names, types, and the empty object. */
class GeneratedShapesTest {

  @Test
  void theEmptyObjectIsAClass() throws IOException {
    assertThat(Json.roundTrip(InfiniteRetention.class, "{}")).isEqualTo(InfiniteRetention.of());
    assertThat(Json.read(InfiniteRetention.class, "{\"since\":\"2026\",\"x\":[1]}"))
        .isEqualTo(InfiniteRetention.of());
    assertThat(InfiniteRetention.of())
        .hasToString("InfiniteRetention{}")
        .hasSameHashCodeAs(InfiniteRetention.of());
    assertThatThrownBy(() -> Json.read(InfiniteRetention.class, "true"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected an object but was BOOLEAN at path $");
  }

  @Test
  void noGeneratedFieldOrAccessorIsTypedObject() throws Exception {
    List<String> offenders = new ArrayList<>();
    for (Class<?> type : modelClasses()) {
      for (Field f : type.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && mentionsObject(f.getGenericType())) {
          offenders.add(type.getSimpleName() + "." + f.getName());
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())
            && !m.getName().equals("equals")
            && mentionsObject(m.getGenericReturnType())) {
          offenders.add(type.getSimpleName() + "." + m.getName() + "()");
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void classNamesAreReadable() throws Exception {
    List<String> names = modelClasses().stream().map(Class::getSimpleName).toList();
    assertThat(names).noneMatch(n -> n.matches(".*OneOf\\d*"));
    assertThat(names)
        .doesNotContain(
            "Error",
            "Object",
            "FencingToken",
            "SeqNum",
            "Batch",
            "Ping",
            "BatchEvent",
            "ErrorEvent",
            "PingEvent");
    assertThat(names)
        .contains(
            "RetentionPolicyAge",
            "RetentionPolicyInfinite",
            "MetricScalar",
            "MetricAccumulation",
            "MetricGauge",
            "MetricLabel",
            "AppendConditionFailedFencingToken",
            "AppendConditionFailedSeqNum",
            "ReadEventBatch",
            "ReadEventError",
            "ReadEventPing",
            "ResourceSetExact",
            "ResourceSetPrefix",
            "MetricPoint",
            "Header",
            "InfiniteRetention",
            "LocationInfo");
  }

  @Test
  void everyModelHasARegisteredAdapter() throws Exception {
    for (Class<?> type : modelClasses()) {
      if (type == ModelAdapters.class
          || type == Secret.class
          || type == StrictJson.class
          || !Modifier.isPublic(type.getModifiers())) {
        continue;
      }
      assertThat(ModelAdapters.FACTORY.create(type, java.util.Set.of(), Json.MOSHI))
          .as(type.getSimpleName())
          .isNotNull();
    }
  }

  private static boolean mentionsObject(Type type) {
    if (type == Object.class) {
      return true;
    }
    if (type instanceof ParameterizedType p) {
      return Stream.of(p.getActualTypeArguments()).anyMatch(GeneratedShapesTest::mentionsObject);
    }
    return false;
  }

  /**
   * The classes generated from the test spec, found from their sources (the build's output of the
   * generator).
   */
  static List<Class<?>> modelClasses() throws IOException, ClassNotFoundException {
    Path dir = Path.of("target/generated-test-sources/s2-models/src/main/java/dev/s2/testmodel");
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String name = p.getFileName().toString().replace(".java", "");
        classes.add(Class.forName("dev.s2.testmodel." + name));
      }
    }
    assertThat(classes).hasSizeGreaterThan(60);
    return classes;
  }
}
