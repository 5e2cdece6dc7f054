package dev.s2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The message logic; consumer-tests (src/it/okhttp4) runs the check against a real OkHttp 4 class
 * path.
 */
class OkHttpCheckTest {

  @Test
  void okHttp5PassesWhereverItComesFrom() {
    assertThat(
            OkHttpCheck.conflict("5.5.1", "okhttp-jvm-5.5.1.jar", List.of("okhttp-jvm-5.5.1.jar")))
        .isNull();
    assertThat(OkHttpCheck.conflict("5.0.0-alpha.14", "app.jar", List.of("app.jar"))).isNull();
    assertThat(OkHttpCheck.conflict("6.0.0", "okhttp-jvm-6.0.0.jar", List.of())).isNull();
  }

  @Test
  void okHttp4BesideOkHttp5IsOneLineNamingBothJarsAndTheFix() {
    String message =
        OkHttpCheck.conflict(
            "4.12.0", "okhttp-4.12.0.jar", List.of("okhttp-4.12.0.jar", "okhttp-jvm-5.5.1.jar"));

    assertThat(message)
        .isEqualTo(
            "OkHttp conflict: the S2 SDK needs OkHttp 5 but runs on OkHttp 4.12.0 (okhttp3.OkHttpClient loaded"
                + " from okhttp-4.12.0.jar, also in okhttp-jvm-5.5.1.jar); remove com.squareup.okhttp3:okhttp"
                + " 4.x from the dependencies, or import the BOM dev.s2:s2-bom, which moves it to 5");
    assertThat(message).doesNotContain("\n");
  }

  @Test
  void okHttp4AloneAndOkHttp3AreRefusedToo() {
    assertThat(OkHttpCheck.conflict("4.9.3", "okhttp-4.9.3.jar", List.of("okhttp-4.9.3.jar")))
        .startsWith(
            "OkHttp conflict: the S2 SDK needs OkHttp 5 but runs on OkHttp 4.9.3 (okhttp3.OkHttpClient"
                + " loaded from okhttp-4.9.3.jar); remove");
    assertThat(OkHttpCheck.conflict(null, "okhttp-3.14.9.jar", List.of("okhttp-3.14.9.jar")))
        .startsWith("OkHttp conflict: the S2 SDK needs OkHttp 5 but runs on OkHttp 3 or older (");
    assertThat(OkHttpCheck.conflict("unknown", "x.jar", List.of("x.jar")))
        .startsWith("OkHttp conflict:");
  }

  @Test
  void jarNamesAreTakenFromClassUrls() {
    assertThat(
            OkHttpCheck.jarName(
                "jar:file:/m2/com/squareup/okhttp-4.12.0.jar!/okhttp3/OkHttpClient.class"))
        .isEqualTo("okhttp-4.12.0.jar");
    assertThat(
            OkHttpCheck.jarName(
                "jar:nested:/app.jar/!BOOT-INF/lib/okhttp-jvm-5.5.1.jar!/okhttp3/X.class"))
        .isEqualTo("okhttp-jvm-5.5.1.jar");
  }

  @Test
  void thisBuildRunsOnOkHttp5() {
    assertThatCode(OkHttpCheck::requireOkHttp5).doesNotThrowAnyException();
    assertThatCode(() -> S2Client.builder().accessToken("t").build().close())
        .doesNotThrowAnyException();
  }
}
