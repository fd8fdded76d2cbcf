#!/usr/bin/env bash
# One-time (and idempotent) set-up of a Debian 12 machine for hotplug_mp:
# packages, hugepages, the DPDK 22.11 source with our patches, both builds.
#
#   scripts/setup.sh            everything
#   scripts/setup.sh --no-build packages, hugepages and source only
#
# Builds: build/        DPDK subproject with patches/ applied ("patched")
#         build-stock/  Debian's binary libdpdk-dev, unpatched ("stock")
#         build-asan/   the patched build with AddressSanitizer
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

packages=(
	build-essential pkg-config meson ninja-build python3-pyelftools
	libnuma-dev libgtest-dev libgmock-dev
	libdpdk-dev dpdk dpkg-dev xz-utils patch iproute2 procps
)

install_packages() {
	local missing=()
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing: ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
}

# apt-get source needs deb-src entries; derive them from the machine's own
# Debian entries so that no host name is written anywhere by us.
enable_deb_src() {
	local src=/etc/apt/sources.list.d/debian.sources
	local dst=/etc/apt/sources.list.d/hotplug-mp-deb-src.sources
	if grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ ||
	   grep -qs '^deb-src' /etc/apt/sources.list; then
		return 0
	fi
	if [ -f "$src" ]; then
		sed 's/^Types: deb$/Types: deb-src/' "$src" > "$dst"
	elif [ -f /etc/apt/sources.list ]; then
		sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > \
			/etc/apt/sources.list.d/hotplug-mp-deb-src.list
	else
		die "no Debian apt sources found to derive deb-src entries from"
	fi
	apt-get update -qq
}

wrap_value() { sed -n "s/^$1 *= *//p" subprojects/dpdk.wrap; }

fetch_dpdk() {
	local file hash dir cache tmp
	file=$(wrap_value source_filename)
	hash=$(wrap_value source_hash)
	cache=subprojects/packagecache
	mkdir -p "$cache"
	if [ -f "$cache/$file" ] &&
	   echo "$hash  $cache/$file" | sha256sum --quiet -c - 2>/dev/null; then
		return 0
	fi
	enable_deb_src
	log "fetching the DPDK source package with apt-get source"
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get source --download-only -qq dpdk >/dev/null 2>&1) ||
		die "apt-get source dpdk failed"
	[ -f "$tmp/$file" ] || die "apt-get source did not bring $file (got: $(ls "$tmp"))"
	echo "$hash  $tmp/$file" | sha256sum --quiet -c - ||
		die "$file does not match source_hash in subprojects/dpdk.wrap"
	mv "$tmp/$file" "$cache/$file"
	rm -rf "$tmp"
}

# The series in order, without the cover letter.
series() { ls patches/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-' || true; }

# Unpack the tarball and apply patches/*.patch (not the cover letter).
# A stamp records which patches the tree carries; any change re-unpacks.
prepare_source() {
	local file dir stamp want
	file=$(wrap_value source_filename)
	dir=subprojects/$(wrap_value directory)
	stamp=$dir/.hotplug_mp-patches
	want=$(series | xargs -r cat | sha256sum | cut -d' ' -f1)
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		return 0
	fi
	log "unpacking $file and applying patches/"
	rm -rf "$dir"
	tar -C subprojects -xf "subprojects/packagecache/$file"
	for p in $(series); do
		log "  $(basename "$p")"
		patch -d "$dir" -p1 --batch --forward --quiet < "$p" ||
			die "patch $p does not apply"
	done
	echo "$want" > "$stamp"
}

setup_hugepages() {
	local want=512 have
	have=$(cat /proc/sys/vm/nr_hugepages)
	if [ "$have" -lt "$want" ]; then
		echo "$want" > /proc/sys/vm/nr_hugepages ||
			die "cannot reserve hugepages"
	fi
	mkdir -p /dev/hugepages
	if ! mount | grep -q ' /dev/hugepages type hugetlbfs'; then
		mount -t hugetlbfs nodev /dev/hugepages ||
			die "cannot mount hugetlbfs on /dev/hugepages"
	fi
	log "hugepages: $(cat /proc/sys/vm/nr_hugepages) x 2 MiB on /dev/hugepages"
}

build() {
	local t0=$SECONDS
	if [ ! -f build/build.ninja ]; then
		meson setup build -Ddpdk=subproject >/dev/null
	fi
	log "building build/ (patched DPDK subproject)"
	ninja -C build >build/ninja.log 2>&1 || { tail -40 build/ninja.log; die "build failed"; }
	if [ ! -f build-stock/build.ninja ]; then
		meson setup build-stock -Ddpdk=system >/dev/null
	fi
	log "building build-stock/ (Debian libdpdk 22.11, unpatched)"
	ninja -C build-stock >build-stock/ninja.log 2>&1 || { tail -40 build-stock/ninja.log; die "stock build failed"; }
	if [ ! -f build-asan/build.ninja ]; then
		meson setup build-asan -Ddpdk=subproject -Db_sanitize=address \
			-Db_lundef=false >/dev/null
	fi
	log "building build-asan/ (patched, AddressSanitizer)"
	ninja -C build-asan >build-asan/ninja.log 2>&1 || { tail -40 build-asan/ninja.log; die "ASan build failed"; }
	log "builds ready in $((SECONDS - t0)) s"
}

[ "$(id -u)" -eq 0 ] || die "run as root (packages, hugepages)"
install_packages
setup_hugepages
fetch_dpdk
prepare_source
[ "${1:-}" = "--no-build" ] || build
