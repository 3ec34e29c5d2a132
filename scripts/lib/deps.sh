# Installs what the build and the tests need when it is missing; silent when
# everything is there. Source it, then call: kjeks_deps native|wasm|browser|engines|fuzz ...
kjeks_apt_install() {
  [ "$#" -gt 0 ] || return 0
  echo "Installing missing packages: $*" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

kjeks_deps() {
  local need=()
  local what
  for what in "$@"; do
    case "$what" in
      native)
        command -v cmake >/dev/null || need+=(cmake)
        command -v g++ >/dev/null || need+=(g++)
        [ -f /usr/include/nlohmann/json.hpp ] || need+=(nlohmann-json3-dev)
        [ -f /usr/include/doctest/doctest.h ] || need+=(doctest-dev)
        ;;
      wasm)
        command -v emcc >/dev/null || need+=(emscripten)
        [ -f /usr/include/nlohmann/json.hpp ] || need+=(nlohmann-json3-dev)
        command -v node >/dev/null || need+=(nodejs npm)
        ;;
      browser)
        [ -x /usr/bin/chromium ] || need+=(chromium)
        command -v node >/dev/null || need+=(nodejs npm)
        ;;
      engines)
        # Firefox ESR and WebKitGTK (MiniBrowser, WebKitWebDriver, on Xvfb) for tests/engines/.
        [ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
        [ -x /usr/bin/WebKitWebDriver ] || need+=(webkit2gtk-driver)
        [ -x /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser ] || need+=(libwebkit2gtk-4.1-0)
        [ -x /usr/bin/Xvfb ] || need+=(xvfb)
        command -v node >/dev/null || need+=(nodejs npm)
        ;;
      fuzz)
        command -v clang++ >/dev/null || need+=(clang)
        ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need+=(libclang-rt-14-dev)
        ;;
    esac
  done
  # de-duplicate
  local unique
  unique=$(printf '%s\n' "${need[@]}" | sort -u | tr '\n' ' ')
  # shellcheck disable=SC2086
  kjeks_apt_install $unique
}

# npm packages for the browser tests and tools, from package-lock.json.
kjeks_npm() {
  local top="$1"
  if [ ! -d "$top/node_modules" ] || [ "$top/package-lock.json" -nt "$top/node_modules/.package-lock.json" ]; then
    (cd "$top" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

# emcc needs acorn from Debian's node modules.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
