#!/usr/bin/env bash
# One-time (and idempotent) set-up of a Debian 12 machine for hotplug_mp:
# packages, hugepages, the DPDK sources with their patch series, the builds.
#
#   scripts/setup.sh [--no-build] [--targets "T..."] [FLAVOUR...]
#
# The flavours (default: every one) are those of flavours.toml, each a
# build directory; a flavour that links another's DPDK, or borrows its
# source, brings that one along, built first. `scripts/lib/flavours.py
# list` names them, `get FLAVOUR about` says what each is for.
#
# --no-build prepares packages, hugepages and the sources of the flavours
# named, and builds nothing. --targets builds only those ninja targets
# (and what they need), as the demo does; later runs build the rest.
#
# Each step checks its own work first (installed packages, a mounted
# hugetlbfs, a stamp in each source tree, ninja), so a second run does
# little; the entry scripts take --no-setup to skip it altogether.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
. scripts/lib/dpdk_sources.sh
. scripts/lib/packages.sh
# the flavours' data; Debian's python3 reads it before anything is installed
flavours_py() { /usr/bin/python3 scripts/lib/flavours.py "$@"; }

# what every flavour needs; flavours.toml adds the rest
packages=(
	build-essential pkg-config meson ninja-build python3-pyelftools
	libnuma-dev libgtest-dev libgmock-dev
	xz-utils patch iproute2 procps curl
	libfaketime
)

install_packages() {
	ensure_packages "${packages[@]}" $(flavours_py packages "${flavours[@]}")
	# DPDK uses libarchive where its development files are installed;
	# Debian's libarchive-dev then names, for static linking (the flavours
	# linking a DPDK flavour), libraries whose development files it does
	# not depend on
	if package_installed libarchive-dev; then
		ensure_packages libacl1-dev nettle-dev liblzma-dev libzstd-dev \
			liblz4-dev libbz2-dev zlib1g-dev libxml2-dev
	fi
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

# sources FLAVOUR: the DPDK source tree the flavour builds from, with its
# patches (a system flavour's helper prepares the one it borrows)
sources() {
	local f=$1
	[ "$(flavours_py get "$f" dpdk)" != system ] || return 0
	prepare_source "$(flavours_py base "$(flavours_py get "$f" base)" wrap)" \
		"$(flavours_py get "$f" source)" $(flavours_py patches "$f")
}

build() {
	local f=$1 dir t0=$SECONDS want=$targets cc cxx pc sum opts wipe=
	dir=$(flavours_py get "$f" build)
	[ -n "$want" ] || want=$(flavours_py get "$f" targets | tr '\n' ' ')
	cc=$(flavours_py get "$f" cc) cxx=$(flavours_py get "$f" cxx)
	# meson applies a subproject's default options (DPDK's drivers and
	# libraries, in meson.build) at the first set-up only: a build
	# directory set up before they changed is set up again
	opts=$(sed -n '/dpdk_options = \[/,/dpdk_proj = subproject/p' meson.build |
		sha256sum | cut -d' ' -f1)
	if [ -f "$dir/build.ninja" ] &&
	   [ "$(cat "$dir/.dpdk-options.sum" 2>/dev/null)" != "$opts" ]; then
		log "DPDK's options in meson.build changed: setting up $dir/ again"
		wipe=--wipe
	fi
	# meson and DPDK's build scripts need Debian's python3 (elftools),
	# not another python3 earlier on PATH
	if [ -n "$wipe" ] || [ ! -f "$dir/build.ninja" ]; then
		env PATH=/usr/bin:$PATH ${cc:+CC=$cc} ${cxx:+CXX=$cxx} \
			meson setup $wipe "$dir" --wrap-mode=nodownload \
			$(flavours_py setup-args "$f") >"$dir.setup.log" 2>&1 ||
			{ tail -30 "$dir.setup.log"; die "meson setup $wipe of $dir failed"; }
	fi
	echo "$opts" >"$dir/.dpdk-options.sum"
	# a flavour linking another's DPDK forgets the link arguments it
	# cached once that DPDK's pkg-config files change (a reconfigured
	# build that found another library, libbsd say)
	pc=$(flavours_py setup-args "$f" | sed -n 's/^-Dpkg_config_path=//p')
	if [ -n "$pc" ]; then
		sum=$(cat "$pc"/*.pc | sha256sum | cut -d' ' -f1)
		if [ "$(cat "$dir/.dpdk-pc.sum" 2>/dev/null)" != "$sum" ]; then
			{ PATH=/usr/bin:$PATH meson configure --clearcache "$dir" &&
				PATH=/usr/bin:$PATH meson setup --reconfigure "$dir"
			} >"$dir.setup.log" 2>&1 ||
				{ tail -30 "$dir.setup.log"; die "meson setup --reconfigure of $dir failed"; }
			echo "$sum" >"$dir/.dpdk-pc.sum"
		fi
	fi
	log "building $dir/ (flavour $f)${want:+, only $want}"
	PATH=/usr/bin:$PATH ninja -C "$dir" $want >"$dir/ninja.log" 2>&1 ||
		{ tail -40 "$dir/ninja.log"; die "build of $dir failed"; }
	log "$dir/ ready in $((SECONDS - t0)) s"
}

build=1 targets=
while [ $# -gt 0 ]; do
	case $1 in
	--no-build) build=0 ;;
	--targets) targets=$2; shift ;;
	*) break ;;
	esac
	shift
done
[ "$(id -u)" -eq 0 ] || die "run as root (packages, hugepages)"
ensure_packages python3
[ $# -gt 0 ] || set -- $(flavours_py list)
# with what they need, in build order
flavours=($(flavours_py closure "$@")) || die "no such flavour"

install_packages
setup_hugepages
for f in "${flavours[@]}"; do sources "$f"; done
[ $build -eq 1 ] || exit 0
for f in "${flavours[@]}"; do build "$f"; done
