// What ConsumerCheck printed into a consumer project's build.log, for that project's verify.groovy:
// value('okhttp') is the text after "okhttp=" (asserted present), jars the file names of the class path.
def log = new File(basedir, 'build.log').text
def value = { String key ->
  def m = log =~ /(?m)^${key}=(.*)$/
  assert m.find() : "build.log has no ${key}= line"
  m.group(1).trim()
}
[log: log, value: value, jars: value('classpath').split(',') as List]
