package dev.s2.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's version, written into {@code sdk.properties} by the build, for the User-Agent. */
final class SdkVersion {
  static final String VERSION = load();
  static final String USER_AGENT = "s2-sdk-java/" + VERSION;

  private SdkVersion() {}

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("sdk.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
