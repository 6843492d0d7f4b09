#!/bin/sh
# Runs one of this folder's Node scripts with its pinned dependencies, installed by `npm ci`
# from package-lock.json into WORK_DIR (in the build tree), never into the source tree.
# Usage: run.sh WORK_DIR SCRIPT [ARGUMENTS...]      (ctest: openapi_document, openapi_validator_rejects)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$1
script=$2
shift 2
if ! command -v npm >/dev/null 2>&1; then
    echo "run.sh: npm is missing; scripts/install-deps.sh --test installs it" >&2
    exit 1
fi
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/validate.mjs" "$here/test_rejects.mjs" "$work/"
npm ci --prefix "$work" --no-audit --no-fund --loglevel=error >/dev/null
exec node "$work/$script" "$@"
