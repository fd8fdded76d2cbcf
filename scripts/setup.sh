#!/usr/bin/env bash
# One-time (and idempotent) set-up of a Debian 12 machine for hotplug_mp:
# packages, hugepages, the DPDK sources with their patch series, the builds.
#
#   scripts/setup.sh [--no-build] [--targets "T..."] [FLAVOUR...]
#
# Flavours (default: every one), each a build directory:
#   26.07       build/             DPDK 26.07 + patches/main/ (the default)
#   26.07-base  build-base/        DPDK 26.07 unpatched, from the same tarball:
#                                  the baseline the fixes are measured against
#   26.07-asan  build-asan/        as 26.07, with AddressSanitizer and
#                                  UndefinedBehaviorSanitizer
#   26.07-fuzz  build-fuzz/        as 26.07, built with clang, with ASan,
#                                  UBSan and libFuzzer: the fuzz targets
#                                  (tests/fuzz/) only
#   22.11       build-22.11/       DPDK 22.11.11 LTS + patches/22.11/ (backport)
#   22.11-base  build-22.11-base/  Debian 12's libdpdk-dev 22.11, unpatched
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

all_flavours=(26.07 26.07-base 26.07-asan 26.07-fuzz 22.11 22.11-base)

packages=(
	build-essential pkg-config meson ninja-build python3-pyelftools
	libnuma-dev libgtest-dev libgmock-dev
	xz-utils patch iproute2 procps curl
)
# the 22.11 flavours: Debian's DPDK, and its source package
packages_22_11=(libdpdk-dev dpdk dpkg-dev)
# the fuzz flavour: clang and its libFuzzer runtime
packages_fuzz=(clang libclang-rt-14-dev)

install_packages() {
	local want=("${packages[@]}")
	case " ${flavours[*]} " in *" 22.11"*) want+=("${packages_22_11[@]}") ;; esac
	case " ${flavours[*]} " in *" 26.07-fuzz "*) want+=("${packages_fuzz[@]}") ;; esac
	ensure_packages "${want[@]}"
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

build_dir() {
	case $1 in
	26.07) echo build ;;
	26.07-base) echo build-base ;;
	26.07-asan) echo build-asan ;;
	26.07-fuzz) echo build-fuzz ;;
	22.11) echo build-22.11 ;;
	22.11-base) echo build-22.11-base ;;
	*) die "unknown flavour $1 (flavours: ${all_flavours[*]})" ;;
	esac
}

# sources FLAVOUR: the DPDK source trees the flavour builds from
sources() {
	case $1 in
	26.07 | 26.07-asan | 26.07-fuzz) prepare_source dpdk dpdk-26.07 main ;;
	# the baseline carries the fixes' autotests (app/test/ only): they
	# must fail there
	26.07-base) prepare_source dpdk dpdk-base main/fixes/tests ;;
	# the system build takes the driver SDK headers from the 22.11 source,
	# and its vhost-user backend is the 22.11 build's dpdk-testpmd
	22.11 | 22.11-base) prepare_source dpdk-22.11 dpdk-stable-22.11.11 22.11 ;;
	esac
}

# meson options of a flavour
options() {
	case $1 in
	26.07) echo -Ddpdk=26.07 -Ddpdk_tests=true ;;
	26.07-base) echo -Ddpdk=26.07-base -Ddpdk_tests=true ;;
	26.07-asan) echo -Ddpdk=26.07 -Db_sanitize=address,undefined -Db_lundef=false ;;
	26.07-fuzz) echo -Ddpdk=26.07 -Dfuzz=true -Db_sanitize=address,undefined \
		-Db_lundef=false ;;
	22.11) echo -Ddpdk=22.11 ;;
	22.11-base) echo -Ddpdk=system \
		-Dvhost_backend="$top/build-22.11/subprojects/dpdk-stable-22.11.11/app/dpdk-testpmd" ;;
	esac
}

# the compilers of a flavour, and what it builds (empty: everything)
compilers() {
	case $1 in 26.07-fuzz) echo CC=clang CXX=clang++ ;; esac
}
flavour_targets() {
	case $1 in
	26.07-fuzz) echo tests/fuzz/hotplug_mp-fuzz-commands \
		tests/fuzz/hotplug_mp-fuzz-script tests/fuzz/hotplug_mp-fuzz-devargs ;;
	esac
}

build() {
	local f=$1 dir t0=$SECONDS want=$targets
	dir=$(build_dir "$f")
	[ -n "$want" ] || want=$(flavour_targets "$f")
	# meson and DPDK's build scripts need Debian's python3 (elftools),
	# not another python3 earlier on PATH
	if [ ! -f "$dir/build.ninja" ]; then
		env PATH=/usr/bin:$PATH $(compilers "$f") \
			meson setup "$dir" --wrap-mode=nodownload \
			$(options "$f") >"$dir.setup.log" 2>&1 ||
			{ tail -30 "$dir.setup.log"; die "meson setup of $dir failed"; }
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
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=("${all_flavours[@]}")
for f in "${wanted[@]}"; do build_dir "$f" >/dev/null; done
# the 22.11 system build borrows the 22.11 build's dpdk-testpmd
case " ${wanted[*]} " in *" 22.11-base "*) wanted+=(22.11) ;; esac
# in the order of all_flavours, each once
flavours=()
for f in "${all_flavours[@]}"; do
	case " ${wanted[*]} " in *" $f "*) flavours+=("$f") ;; esac
done

[ "$(id -u)" -eq 0 ] || die "run as root (packages, hugepages)"
install_packages
setup_hugepages
for f in "${flavours[@]}"; do sources "$f"; done
[ $build -eq 1 ] || exit 0
for f in "${flavours[@]}"; do build "$f"; done
