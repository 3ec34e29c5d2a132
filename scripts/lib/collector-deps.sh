# Installs what kjeks-collector and its tests need when it is missing; silent
# when everything is there. Source it after deps.sh, then call: kjeks_collector_deps
kjeks_collector_deps() {
  local need=()
  [ -f /usr/include/httplib.h ] || need+=(libcpp-httplib-dev)
  [ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
  [ -d /usr/include/pqxx ] || need+=(libpqxx-dev)
  [ -f /usr/include/openssl/sha.h ] || need+=(libssl-dev)  # the stats page's CSP hash
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v pkg-config >/dev/null || need+=(pkg-config)
  command -v sqlite3 >/dev/null || need+=(sqlite3)  # the retention test writes old rows directly
  command -v node >/dev/null || need+=(nodejs npm)
  # shellcheck disable=SC2068
  kjeks_apt_install ${need[@]+"${need[@]}"}
}
