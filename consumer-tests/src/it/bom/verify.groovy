// An application importing dev.s2:s2-bom, whose Retrofit asks for OkHttp 4.12.0, gets OkHttp 5 only (okhttp
// moved to 5.x, for Maven an empty jar beside okhttp-jvm), with the BOM's Okio and Kotlin stdlib, and both its
// own Retrofit and the S2Client work.
def out = evaluate(new File(basedir, '../shared/consumer-output.groovy'))
def value = out.value
def jars = out.jars

assert value('okhttp') == okhttpVersion
assert value('kotlin') == kotlinVersion
assert jars.containsAll(["okhttp-${okhttpVersion}.jar".toString(), "okhttp-jvm-${okhttpVersion}.jar".toString()])
assert jars.findAll { it.startsWith('okhttp-') && !it.contains(okhttpVersion) }.isEmpty()
assert jars.findAll { it.startsWith('okio') && !it.contains(okioVersion) }.isEmpty()
assert jars.findAll { it.startsWith('kotlin-') && !it.contains(kotlinVersion) }.isEmpty()
assert value('retrofit') == 'retrofit2.Retrofit'
def client = value('client')
assert client.startsWith('S2Client{baseUrl=http://127.0.0.1:9/v1') && client.contains('accessToken=****')
assert !client.contains('consumer-check')
