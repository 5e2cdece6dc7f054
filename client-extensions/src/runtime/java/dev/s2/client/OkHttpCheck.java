package dev.s2.client;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Refuses to run on OkHttp 4. The SDK is built on OkHttp 5, whose classes Maven users get from
 * {@code com.squareup.okhttp3:okhttp-jvm}; an application that also has {@code
 * com.squareup.okhttp3:okhttp} 4.x (from openai-java, Retrofit, or its own pom) gets both jars, and
 * the same {@code okhttp3} classes load from whichever comes first. When that is OkHttp 4, the SDK
 * would run on the wrong classes and fail later in odd ways; {@link S2Client.Builder#build()} fails
 * at once instead, with one line naming the conflict and the fix.
 */
final class OkHttpCheck {
  private static final String CLIENT_CLASS = "okhttp3/OkHttpClient.class";

  private static volatile boolean passed;

  private OkHttpCheck() {}

  /**
   * Checks the OkHttp the SDK runs on, once per class loader.
   *
   * @throws IllegalStateException if it is older than OkHttp 5
   */
  static void requireOkHttp5() {
    if (passed) {
      return;
    }
    String problem = conflict(loadedVersion(), jarName(loadedFrom()), copies());
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    passed = true;
  }

  /**
   * The one-line message for the OkHttp found, or null when it is OkHttp 5 or newer.
   *
   * @param version {@code okhttp3.OkHttp.VERSION} of the classes loaded, or null when the class is
   *     missing (OkHttp 3)
   * @param loadedFrom the jar {@code okhttp3.OkHttpClient} was loaded from
   * @param copies the jars holding {@code okhttp3.OkHttpClient}, in class path order
   */
  static @Nullable String conflict(
      @Nullable String version, String loadedFrom, List<String> copies) {
    if (version != null && majorVersion(version) >= 5) {
      return null;
    }
    List<String> others = new ArrayList<>(copies);
    others.remove(loadedFrom);
    return "OkHttp conflict: the S2 SDK needs OkHttp 5 but runs on OkHttp "
        + (version == null ? "3 or older" : version)
        + " (okhttp3.OkHttpClient loaded from "
        + loadedFrom
        + (others.isEmpty() ? "" : ", also in " + String.join(", ", others))
        + "); remove com.squareup.okhttp3:okhttp 4.x from the dependencies, or import the BOM dev.s2:s2-bom,"
        + " which moves it to 5";
  }

  private static int majorVersion(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 || end > 9 ? -1 : Integer.parseInt(version.substring(0, end));
  }

  private static @Nullable String loadedVersion() {
    try {
      // Read reflectively: in OkHttp 4 the field is a compile-time constant, which javac would
      // inline.
      Object version =
          Class.forName("okhttp3.OkHttp", false, classLoader()).getField("VERSION").get(null);
      return version instanceof String ? (String) version : null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  private static String loadedFrom() {
    URL url = classLoader().getResource(CLIENT_CLASS);
    return url == null ? "an unknown location" : url.toString();
  }

  private static List<String> copies() {
    List<String> names = new ArrayList<>();
    try {
      for (URL url : Collections.list(classLoader().getResources(CLIENT_CLASS))) {
        names.add(jarName(url.toString()));
      }
    } catch (IOException e) {
      // The copies only enrich the message.
    }
    return names;
  }

  /**
   * {@code jar:file:/m2/okhttp-4.12.0.jar!/okhttp3/OkHttpClient.class} becomes {@code
   * okhttp-4.12.0.jar}.
   */
  static String jarName(String url) {
    int bang = url.indexOf("!/");
    String path = bang >= 0 ? url.substring(0, bang) : url;
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static ClassLoader classLoader() {
    ClassLoader loader = OkHttpClient.class.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }
}
