# Sourced by the project's scripts: finds the JDK they run on (JAVA_HOME, else java on PATH), requires version 25
# or newer, and exports JAVA_HOME (for the Maven wrapper) with its java first on PATH.
animal_require_jdk() {
  local java="" version
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    java="$(command -v java)"
  fi
  if [ -z "$java" ]; then
    echo "No JDK found. Install a JDK 25 and set JAVA_HOME to it (or put its java on PATH)." >&2
    exit 1
  fi
  version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  if [ -z "$version" ] || [ "${version%%.*}" -lt 25 ]; then
    echo "JDK 25 or newer needed; $java is version ${version:-unknown}. Set JAVA_HOME to a JDK 25." >&2
    exit 1
  fi
  JAVA_HOME="$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)"
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}
