// An application that pins OkHttp 4 gets both okhttp-4.12.0.jar and okhttp-jvm-5.x.jar, and its okhttp3 classes
// from the first: building an S2Client then fails at once, with one line naming both jars and the fix.
def out = evaluate(new File(basedir, '../shared/consumer-output.groovy'))
def value = out.value
def jars = out.jars

assert value('okhttp') == okhttp4Version
assert jars.containsAll(["okhttp-${okhttp4Version}.jar".toString(), "okhttp-jvm-${okhttpVersion}.jar".toString()])
// The SDK's kotlin-stdlib wins over the 1.8.21 OkHttp 4 asks for.
assert value('kotlin') == kotlinVersion

def expected = 'Exception in thread "main" java.lang.IllegalStateException: OkHttp conflict: the S2 SDK needs' +
    " OkHttp 5 but runs on OkHttp ${okhttp4Version} (okhttp3.OkHttpClient loaded from okhttp-${okhttp4Version}.jar," +
    " also in okhttp-jvm-${okhttpVersion}.jar); remove com.squareup.okhttp3:okhttp 4.x from the dependencies, or" +
    ' import the BOM dev.s2:s2-bom, which moves it to 5'
assert out.log.readLines().contains(expected.toString())
assert !(out.log =~ /(?m)^client=/).find()
