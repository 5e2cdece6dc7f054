// An application depending on dev.s2:s2-client alone runs on OkHttp 5 with its Okio and a Kotlin 2 stdlib, and
// gets none of Kotlin 1.8's kotlin-stdlib-jdk7/jdk8 jars (Moshi's pom asks for them).
def out = evaluate(new File(basedir, '../shared/consumer-output.groovy'))
def value = out.value
def jars = out.jars

assert value('okhttp') == okhttpVersion
assert value('kotlin') == kotlinVersion
assert jars.contains("okhttp-jvm-${okhttpVersion}.jar".toString())
assert jars.contains("okio-jvm-${okioVersion}.jar".toString())
assert jars.contains("kotlin-stdlib-${kotlinVersion}.jar".toString())
assert jars.findAll { it.startsWith('okhttp-') && !it.startsWith('okhttp-jvm-') }.isEmpty()
assert jars.findAll { it.startsWith('okio-jvm-') }.size() == 1
assert jars.findAll { it.startsWith('kotlin-stdlib') } == ["kotlin-stdlib-${kotlinVersion}.jar".toString()]
def client = value('client')
assert client.startsWith('S2Client{baseUrl=http://127.0.0.1:9/v1') && client.contains('accessToken=****')
assert !client.contains('consumer-check')
