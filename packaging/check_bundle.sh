#!/usr/bin/env bash
# Check a built one-folder bundle the way a reviewer without Python uses it.
#
#   packaging/check_bundle.sh [BUNDLE]     BUNDLE: dist/erroranalysis (default) or its executable
#   packaging/check_bundle.sh dist/onefile/erroranalysis     the one-file build works too
#
# Every command runs in a clean environment (env -i): PATH holds only a
# folder with a link to the bundle's executable (no python anywhere on it),
# PYTHONHOME/PYTHONPATH point at an empty folder (a bundle that fell back on
# an installed Python would break), HOME and the app's data folder are
# throw-away, and Qt draws offscreen. Each check asserts the exit code, what
# stdout says, and that stderr holds no Traceback/Error/Exception (or, for
# the expected failures, exactly one "erroranalysis: error:" line).
#
# Exits 0 when every check passes, 1 with a list of the failures otherwise.

set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
bundle="${1:-$repo/dist/erroranalysis}"

if [[ -d "$bundle" ]]; then
    exe="$bundle/erroranalysis"
    [[ -f "$exe" ]] || exe="$bundle/erroranalysis.exe"
else
    exe="$bundle"
    bundle="$(dirname "$bundle")"
fi
if [[ ! -f "$exe" || ! -x "$exe" ]]; then
    echo "check_bundle: no erroranalysis executable in $bundle (build it: python packaging/build.py)" >&2
    exit 2
fi
exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/erroranalysis-check.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/home" "$tmp/data" "$tmp/no-python" "$tmp/work"
ln -s "$exe" "$tmp/bin/erroranalysis"
cp -R "$repo/resources/demo" "$tmp/work/demo"
cp "$repo/tests/packaging/data/predictions.parquet" "$tmp/work/demo/predictions.parquet"
demo="$tmp/work/demo"
session="$tmp/work/review.easession"

failures=()
passed=0
out="$tmp/stdout"
err="$tmp/stderr"

# The clean environment of every run.
clean_env=(
    env -i
    "PATH=$tmp/bin"
    "HOME=$tmp/home"
    "TMPDIR=$tmp"
    "LANG=C.UTF-8"
    "QT_QPA_PLATFORM=offscreen"
    "ERRORANALYSIS_DATA_DIR=$tmp/data"
    "PYTHONHOME=$tmp/no-python"
    "PYTHONPATH=$tmp/no-python"
)

# run NAME EXPECTED_CODE ARGS...: run the bundle, keep stdout/stderr in $out/$err.
run() {
    local name="$1" expected="$2"
    shift 2
    (cd "$tmp/work" && "${clean_env[@]}" erroranalysis "$@") >"$out" 2>"$err"
    local code=$?
    if [[ "$code" != "$expected" ]]; then
        fail "$name" "exit code $code, expected $expected"
        return 1
    fi
    return 0
}

fail() {
    failures+=("$1: $2")
    echo "FAIL  $1: $2"
    if [[ -s "$out" ]]; then sed 's/^/      stdout: /' "$out" | head -15; fi
    if [[ -s "$err" ]]; then sed 's/^/      stderr: /' "$err" | head -15; fi
}

ok() {
    passed=$((passed + 1))
    echo "ok    $1"
}

# stderr of a successful command: nothing that looks like a failure.
clean_stderr() {
    if grep -Eiq 'traceback|error|exception|fatal|segmentation' "$err"; then
        fail "$1" "stderr reports a problem"
        return 1
    fi
    return 0
}

# stdout must match each extended regex given.
says() {
    local name="$1"
    shift
    local pattern
    for pattern in "$@"; do
        if ! grep -Eq -- "$pattern" "$out"; then
            fail "$name" "stdout lacks /$pattern/"
            return 1
        fi
    done
    return 0
}

# check NAME EXPECTED_CODE 'REGEX|REGEX...' ARGS...: the usual success check.
check() {
    local name="$1" expected="$2" patterns="$3"
    shift 3
    run "$name" "$expected" "$@" || return 1
    clean_stderr "$name" || return 1
    local IFS=$'\x1f'
    # shellcheck disable=SC2086 # split on the unit separator only
    says "$name" $patterns || return 1
    ok "$name"
}

# expect_error NAME ARGS...: exit 2 with exactly one "erroranalysis...: error:" line.
expect_error() {
    local name="$1"
    shift
    run "$name" 2 "$@" || return 1
    if [[ "$(wc -l <"$err")" -ne 1 ]] || ! grep -Eq '^erroranalysis[a-z ]*: error: ' "$err" \
        || grep -q 'Traceback' "$err"; then
        fail "$name" "expected one 'erroranalysis: error:' line on stderr"
        return 1
    fi
    ok "$name"
}

# all PATTERN...: join patterns for check() (unit-separator separated).
all() {
    local IFS=$'\x1f'
    echo "$*"
}

echo "bundle: $bundle"

# --- the environment really has no Python ------------------------------------------
if "${clean_env[@]}" python3 --version >/dev/null 2>&1 || "${clean_env[@]}" python --version >/dev/null 2>&1; then
    failures+=("environment: python is reachable on the clean PATH")
    echo "FAIL  environment: python is reachable on the clean PATH"
else
    ok "no python on the clean PATH"
fi
if [[ ! -d "$bundle/_internal" && ! -d "$bundle/erroranalysis" ]]; then
    echo "skip  demo sample on disk: a one-file build keeps it inside the executable (demo and --smoke-test use it)"
else
    # What a desktop needs beyond the offscreen runs below: the platform
    # plugins of each OS, and the SVG icon engine for the app icon.
    case "$(uname -s)" in
        Linux) platforms="qxcb qwayland qoffscreen" ;;
        Darwin) platforms="qcocoa qoffscreen" ;;
        *) platforms="qwindows qoffscreen" ;;
    esac
    for wanted in resources_data/demo/predictions.csv resources_data/icons/erroranalysis.svg \
        $(for p in $platforms; do echo "plugins/platforms/*$p.*"; done) "plugins/iconengines/*qsvgicon*"; do
        if find "$bundle" -path "*/$wanted" | grep -q .; then
            ok "bundled: $wanted"
        else
            failures+=("bundle: nothing matches */$wanted")
            echo "FAIL  bundle: nothing matches */$wanted"
        fi
    done
fi

# --- version, help, usage errors ------------------------------------------------------
check "--version" 0 "$(all '^erroranalysis [0-9]+\.[0-9]+')" --version
check "--help" 0 "$(all '^usage: erroranalysis' '\bnew\b' '\btally\b' '\bexport\b' '\bimport\b' \
    '\breview\b' '\bdemo\b' '\bdiagnose\b' '\bmetrics\b' '\bcompare\b' '--smoke-test')" --help
expect_error "tally without a source (usage error)" tally
expect_error "tally of a missing file" tally "$tmp/work/missing.easession"
# psycopg and its libpq are in the bundle: a server that is not there is one clear line
# (not "sessions on a PostgreSQL server need psycopg").
if expect_error "tally of a server session nobody serves" tally \
    "postgresql://postgres@127.0.0.1:1/postgres?session=nobody"; then
    grep -q "cannot be reached" "$err" || fail "server session without psycopg?" \
        "stderr does not say the server cannot be reached"
fi

# --- a review round trip: new -> tally -> export -> edit -> import -> tally ---------
if check "new (session from predictions.csv)" 0 "$(all 'items to review' 'dev error [0-9]+/[0-9]+')" \
    new "$demo/predictions.csv" -o "$session" --categories "$demo/categories.txt"; then
    check "tally --format json (session)" 0 "$(all '^\{' '"dev_size": [0-9]+' '"dev_errors": [0-9]+' \
        '"reviewed": 0' '"categories": \[' '"name": "looks like the prediction"' '"max_gain":' \
        '"ceiling_error":' '^\}')" tally "$session" --format json
    check "tally (table)" 0 "$(all 'looks like the prediction')" tally "$session"

    if check "export (review spreadsheet and tally table)" 0 "$(all 'review\.csv: [0-9]+ rows' 'tally\.csv: ')" \
        export "$session" -o "$tmp/work/review.csv" --tally "$tmp/work/tally.csv"; then
        # A reviewer ticks the first error in a spreadsheet program.
        awk -F, -v OFS=, '
            NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "looks like the prediction") c = i; if ($i == "reviewed") r = i } }
            NR == 2 { $c = 1; $r = 1 }
            { print }' "$tmp/work/review.csv" >"$tmp/work/reviewed.csv"
        check "import (one tick edited in the spreadsheet)" 0 "$(all 'rows matched, 1 items? changed')" \
            import "$session" "$tmp/work/reviewed.csv"
        check "tally --format json after import" 0 "$(all '"reviewed": 1' '"count": 1')" \
            tally "$session" --format json
        check "report (HTML with a JPEG thumbnail, to stdout)" 0 "$(all '^<!DOCTYPE html>' \
            'id="tally"' 'data:image/jpeg;base64,')" report "$session" -o - --thumbnails 1
        if [[ -n "${ERRORANALYSIS_TEST_PG:-}" ]]; then
            # A real server (CI starts one): push, tally on the server, pull back.
            url="$ERRORANALYSIS_TEST_PG"
            check "push (the session onto the server)" 0 "$(all 'items, uploaded from')" \
                push "$session" "$url" --session bundle_check --force
            check "tally --format json of the server session" 0 "$(all '"reviewed": 1' '"count": 1')" \
                tally "$url?session=bundle_check" --format json
            check "pull (a file back from the server)" 0 "$(all 'items, a copy of')" \
                pull "$url?session=bundle_check" "$tmp/work/pulled.easession"
        fi
        check "tally --format json of a spreadsheet" 0 "$(all '"reviewed": 1' '"dev_errors": [0-9]+')" \
            tally "$tmp/work/reviewed.csv" --predictions "$demo/predictions.csv" --format json
    fi
fi

# --- analysis commands ---------------------------------------------------------------
check "diagnose --format json" 0 "$(all '"primary":' '"avoidable_bias":' '"variance":')" \
    diagnose "$demo/predictions.csv" --human 0.5% --format json
check "metrics (table)" 0 "$(all 'accuracy' 'precision')" metrics "$demo/predictions.csv"
check "metrics --format json of a Parquet file (fastparquet in the bundle)" 0 "$(all '^\{' 'precision')" \
    metrics "$demo/predictions.parquet" --format json
check "new (session from predictions.parquet)" 0 "$(all 'items to review')" \
    new "$demo/predictions.parquet" -o "$tmp/work/parquet.easession"
check "compare" 0 "$(all 'Model A' 'Model B')" compare "$demo/predictions.csv" "$demo/predictions.parquet"

# --- the window ------------------------------------------------------------------------
check "--smoke-test (main window on the demo, tick, tally)" 0 "$(all 'smoke test passed')" --smoke-test

# `demo` and `review` keep the window open until the reviewer quits: they pass
# when they are still running after a few seconds with a clean stderr.
gui_stays_up() {
    local name="$1"
    shift
    # (no `timeout`: macOS lacks it) start it, wait, and it must still be running.
    (cd "$tmp/work" && exec "${clean_env[@]}" erroranalysis "$@") >"$out" 2>"$err" &
    local pid=$! waited=0
    while ((waited < 10)) && kill -0 "$pid" 2>/dev/null; do
        sleep 1
        waited=$((waited + 1))
    done
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        fail "$name" "exited $? before it was closed (expected it to keep the window open)"
        return 1
    fi
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    clean_stderr "$name" || return 1
    ok "$name"
}
if gui_stays_up "demo (window stays open)" demo; then
    if find "$tmp/data" -name '*.easession' | grep -q .; then
        ok "demo session created in ERRORANALYSIS_DATA_DIR"
    else
        failures+=("demo: no session file in ERRORANALYSIS_DATA_DIR")
        echo "FAIL  demo: no session file in $tmp/data"
    fi
fi
[[ -f "$session" ]] && gui_stays_up "review SESSION (window stays open)" review "$session"

echo
if ((${#failures[@]})); then
    echo "check_bundle: ${#failures[@]} check(s) failed, $passed passed:"
    printf '  - %s\n' "${failures[@]}"
    exit 1
fi
echo "check_bundle: all $passed checks passed"
