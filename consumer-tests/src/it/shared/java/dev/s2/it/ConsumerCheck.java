package dev.s2.it;

import dev.s2.client.S2Client;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The program of every consumer project: prints what a user checks about the class path the SDK
 * landed on, one {@code key=value} per line (read by the project's verify.groovy), then builds an
 * S2Client. Needs no network: the client is built against a loopback port and sends nothing.
 *
 * <p>With the argument {@code retrofit} it first builds a Retrofit, as an application using
 * Retrofit (and the OkHttp it asks for) beside the SDK does.
 */
public final class ConsumerCheck {
  private ConsumerCheck() {}

  public static void main(String[] args) throws Exception {
    System.out.println("okhttp=" + staticField("okhttp3.OkHttp", "VERSION"));
    System.out.println("kotlin=" + staticField("kotlin.KotlinVersion", "CURRENT"));
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      jars.add(new File(entry).getName());
    }
    System.out.println("classpath=" + String.join(",", jars));
    if (args.length > 0 && args[0].equals("retrofit")) {
      Object retrofit =
          new retrofit2.Retrofit.Builder()
              .baseUrl("http://127.0.0.1:9/")
              .client(new okhttp3.OkHttpClient())
              .build();
      System.out.println("retrofit=" + retrofit.getClass().getName());
    }
    try (S2Client client =
        S2Client.builder().accessToken("consumer-check").baseUrl("http://127.0.0.1:9/v1").build()) {
      System.out.println("client=" + client);
    }
  }

  private static Object staticField(String className, String field)
      throws ReflectiveOperationException {
    // Reflectively: OkHttp 4's VERSION is a compile-time constant, which javac would inline.
    return Class.forName(className).getField(field).get(null);
  }
}
