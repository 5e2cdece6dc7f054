package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * The promise of the generated surface: an operation added to the spec becomes a typed, retried, paged method
 * with no hand-written code. This test adds a paged {@code GET /widgets} (and a {@code GET /widgets/{widget}})
 * to a copy of the effective spec, runs the build's three generations on it (models and Retrofit interfaces as
 * generated-client does; facades and params as this module does), compiles the result with this module's
 * hand-written sources, and calls the new methods against a local server.
 */
class SpecChangeTest {
  private static final Path TEMPLATES = Path.of("src/main/templates");
  private static final Path MODEL_TEMPLATES = Path.of("../generated-client/src/main/templates");
  private static final Path MODEL_CONFIG = Path.of("../generated-client/src/main/openapi-generator-config.yaml");

  @TempDir
  Path dir;

  @Test
  void aPagedOperationAddedToTheSpecBecomesMethodsWithNoOtherEdit() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, withWidgets(effectiveSpec()));

    generate(spec, "client", MODEL_TEMPLATES, dir.resolve("client"), "dev.s2.api");
    generate(spec, "facades", TEMPLATES, dir.resolve("surface"), "dev.s2.client");
    generate(spec, "params", TEMPLATES, dir.resolve("surface"), "dev.s2.client");
    Path classes = compile();

    try (URLClassLoader loader = isolated(classes); MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(json(503, "{\"code\":\"unavailable\",\"message\":\"busy\"}"));
      server.enqueue(json(200, "{\"widgets\":[{\"name\":\"w-1\",\"state\":\"on\"},{\"name\":\"w-2\"}],"
          + "\"has_more\":true}"));
      server.enqueue(json(200, "{\"widgets\":[{\"name\":\"w-3\",\"state\":\"off\"}],\"has_more\":false}"));
      server.enqueue(json(200, "{\"name\":\"w-2\",\"state\":\"on\"}"));

      Object builder = loader.loadClass("dev.s2.client.S2Client").getMethod("builder").invoke(null);
      call(builder, "accessToken", "tok-widgets");
      call(builder, "baseUrl", server.url("/v1").toString());
      builder.getClass().getMethod("sleeper", loader.loadClass("dev.s2.client.Sleeper"))
          .invoke(builder, java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {
              loader.loadClass("dev.s2.client.Sleeper")}, (proxy, method, args) -> null));
      try (AutoCloseable client = (AutoCloseable) call(builder, "build")) {
        Object widgets = call(client, "widgets"); // the new tag's facade, on the client
        Class<?> params = loader.loadClass("dev.s2.client.ListWidgetsParams");
        Object all = params.getMethod("all").invoke(null);
        Object walk = widgets.getClass().getMethod("listAll", params).invoke(widgets, all);
        List<String> names = new ArrayList<>();
        for (Object widget : (Iterable<?>) walk) {
          names.add((String) call(widget, "name"));
        }
        Object one = widgets.getClass().getMethod("get", String.class).invoke(widgets, "w-2");

        assertThat(names).containsExactly("w-1", "w-2", "w-3");
        assertThat(call(one, "state").toString()).isEqualTo("Optional[on]");
        RecordedRequest retried = server.takeRequest();
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertThat(retried.getTarget()).isEqualTo("/v1/widgets"); // the 503 was retried: a GET is idempotent
        assertThat(first.getTarget()).isEqualTo("/v1/widgets");
        assertThat(second.getTarget()).isEqualTo("/v1/widgets?start_after=w-2");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/widgets/w-2");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer tok-widgets");

        Object paramsBuilder = params.getMethod("builder").invoke(null);
        assertThatThrownBy(() -> call(paramsBuilder, "limit", 101))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be between 0 and 100, was 101");
        assertThat(params.getField("LIMIT_DEFAULT").get(null)).isEqualTo(100);
      }
    }
  }

  private static String effectiveSpec() throws IOException {
    try (InputStream in = SpecChangeTest.class.getClassLoader().getResourceAsStream("dev/s2/spec/s2-openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The effective spec with the widgets operations, as a maintainer would add them to api-spec. */
  @SuppressWarnings("unchecked")
  private static String withWidgets(String yaml) throws IOException {
    YAMLMapper mapper = new YAMLMapper();
    Map<String, Object> doc = mapper.readValue(yaml, Map.class);
    String added = ""
        + "/widgets:\n"
        + "  get:\n"
        + "    tags: [widgets]\n"
        + "    summary: List widgets.\n"
        + "    operationId: list_widgets\n"
        + "    parameters:\n"
        + "      - {name: prefix, in: query, schema: {type: string, default: ''}}\n"
        + "      - {name: start_after, in: query, schema: {type: string, default: ''}}\n"
        + "      - {name: limit, in: query, schema: {type: integer, default: 100, minimum: 0, maximum: 100}}\n"
        + "    responses:\n"
        + "      '200':\n"
        + "        description: ''\n"
        + "        content:\n"
        + "          application/json:\n"
        + "            schema:\n"
        + "              type: object\n"
        + "              required: [widgets, has_more]\n"
        + "              properties:\n"
        + "                widgets: {type: array, maxItems: 100, items: {$ref: '#/components/schemas/WidgetInfo'}}\n"
        + "                has_more: {type: boolean}\n"
        + "      '400': {description: '', content: {application/json: {schema: {$ref: '#/components/schemas/ErrorInfo'}}}}\n"
        + "/widgets/{widget}:\n"
        + "  get:\n"
        + "    tags: [widgets]\n"
        + "    summary: Get a widget.\n"
        + "    operationId: get_widget\n"
        + "    parameters:\n"
        + "      - {name: widget, in: path, required: true, schema: {type: string, minLength: 1, maxLength: 64}}\n"
        + "    responses:\n"
        + "      '200': {description: '', content: {application/json: {schema: {$ref: '#/components/schemas/WidgetInfo'}}}}\n";
    Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
    paths.putAll(mapper.readValue(added, Map.class));
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    schemas.put("WidgetInfo", mapper.readValue("type: object\nrequired: [name]\nproperties:\n"
        + "  name: {type: string}\n  state: {type: string}\n", Map.class));
    ((List<Object>) doc.get("tags")).add(new LinkedHashMap<>(Map.of("name", "widgets", "description", "Widgets.")));
    return mapper.writeValueAsString(doc);
  }

  /** One generation, configured as the poms configure it. */
  private static void generate(Path spec, String mode, Path templates, Path out, String apiPackage)
      throws IOException {
    CodegenConfigurator c = mode.equals("client") ? CodegenConfigurator.fromFile(MODEL_CONFIG.toString())
        : new CodegenConfigurator();
    c.setGeneratorName("s2-java").setLibrary("retrofit2").setInputSpec(spec.toString())
        .setOutputDir(out.toString()).setTemplateDir(templates.toString())
        .setApiPackage(apiPackage).setModelPackage("dev.s2.model").setInvokerPackage(apiPackage)
        .setValidateSpec(false)
        .addInlineSchemaOption("RESOLVE_INLINE_ENUMS", "true")
        .addAdditionalProperty("sourceFolder", "src/main/java")
        .addAdditionalProperty("dateLibrary", "java8")
        .addAdditionalProperty("useOneOfInterfaces", "true")
        .addAdditionalProperty("hideGenerationTimestamp", "true")
        .addAdditionalProperty("openApiNullable", "false")
        .addAdditionalProperty("serializationLibrary", "gson")
        .addGlobalProperty("apiTests", "false").addGlobalProperty("modelTests", "false")
        .addGlobalProperty("apiDocs", "false").addGlobalProperty("modelDocs", "false");
    if (mode.equals("client")) {
      // naming the supporting files limits generation to what is named: models and APIs are named as "all"
      c.addGlobalProperty("models", "").addGlobalProperty("apis", "");
      c.addGlobalProperty("supportingFiles", "ModelAdapters.java,ModelJson.java,StrictJson.java,Secret.java,"
          + "ServerVariables.java");
      c.addModelNameMapping("AppendRecord", "AppendRecordJson").addModelNameMapping("SequencedRecord",
          "SequencedRecordJson").addModelNameMapping("ReadBatch", "ReadBatchJson");
    } else {
      c.addAdditionalProperty("s2Surface", mode).addAdditionalProperty("s2RetrofitPackage", "dev.s2.api")
          .addAdditionalProperty("s2HandWrittenTags", "records");
    }
    new DefaultGenerator().opts(c.toClientOptInput()).generate();
  }

  private Path compile() throws IOException {
    List<String> sources;
    // The protobuf messages of S2S (s2.v1) come from s2.proto, not from the spec: compiled from the build's sources,
    // since the class path below leaves out everything of generated-client.
    try (Stream<Path> generated = Stream.of(dir.resolve("client"), dir.resolve("surface"), Path.of("src/main/java"), Path.of("src/runtime/java"),
            Path.of("../generated-client/target/generated-sources/protobuf"))
        .flatMap(SpecChangeTest::javaFiles)) {
      sources = generated.map(Path::toString).collect(Collectors.toList());
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", dependencies(), "-proc:none",
        "-nowarn", "--release", "17"));
    args.addAll(sources);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, null, errors, args.toArray(new String[0]));
    assertThat(status).as("javac:\n%s", errors.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  private static Stream<Path> javaFiles(Path root) {
    try {
      return Files.walk(root).filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList()).stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The test class path without this build's own classes: the regenerated ones replace them. */
  private static String dependencies() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.replace('\\', '/').matches(".*/(generated-client|client-extensions)/target/.*"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static URLClassLoader isolated(Path classes) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(classes.toUri().toURL());
    for (String entry : dependencies().split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static Object call(Object target, String method, Object... args) throws Exception {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof Exception) {
            throw (Exception) e.getCause();
          }
          throw e;
        }
      }
    }
    throw new NoSuchMethodException(target.getClass().getName() + "." + method);
  }
}
