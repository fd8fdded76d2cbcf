#!/usr/bin/env bash
# A git tree of DPDK 22.11.11 with patches/ applied as commits, for working
# on the series, and the series' style checks.
#
#   scripts/patch-tree.sh DIR           make DIR: base commit + `git am` of the series
#   scripts/patch-tree.sh --check DIR   also build every prefix of the series,
#                                       and run DPDK's check-git-log.sh and
#                                       checkpatches.sh (kernel checkpatch.pl from
#                                       Debian's linux-source-6.1) on the series
# After editing commits in DIR, regenerate the series with
#   git -C DIR format-patch --cover-letter -o "$PWD/patches" base..HEAD
# (keep the cover letter's text).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
check=0
if [ "${1:-}" = "--check" ]; then
	check=1
	shift
fi
dir=${1:?usage: scripts/patch-tree.sh [--check] DIR}

file=$(sed -n 's/^source_filename *= *//p' "$top/subprojects/dpdk.wrap")
[ -f "$top/subprojects/packagecache/$file" ] ||
	"$top/scripts/setup.sh" --no-build

rm -rf "$dir"
mkdir -p "$dir"
tar -C "$dir" --strip-components=1 -xf "$top/subprojects/packagecache/$file"
cd "$dir"
git init -q
git add -A -f
git -c user.name=base -c user.email=base@localhost commit -qm "DPDK 22.11.11"
git tag base
for p in $(ls "$top"/patches/[0-9][0-9][0-9][0-9]-*.patch | grep -v '/0000-'); do
	git am -q "$p"
done
git log --oneline base..HEAD

[ $check -eq 1 ] || exit 0

# every prefix of the series builds: one trimmed build, rebuilt at each
# commit (only what a patch touches is compiled again)
bdir=$dir/build-prefixes
orig=$(git symbolic-ref -q --short HEAD || git rev-parse HEAD)
meson setup "$bdir" -Denable_drivers=bus/pci,bus/vdev,net/null \
	-Ddisable_apps='*' -Dtests=false -Dexamples= -Denable_docs=false \
	-Denable_kmods=false >/dev/null
for c in $(git rev-list --reverse base..HEAD); do
	git checkout -q "$c"
	ninja -C "$bdir" >/dev/null ||
		{ echo "prefix build FAILED at $(git log --oneline -1)"; exit 1; }
	echo "prefix builds: $(git log --oneline -1)"
done
git checkout -q "$orig"

# check-git-log.sh: commit-log rules over base..HEAD
devtools/check-git-log.sh -r "base..HEAD" && echo "check-git-log: OK"

# checkpatches.sh on the series files themselves (given no file and a stdin
# that is not a terminal, it would check stdin); it needs the kernel's
# checkpatch.pl
cp_dir=/opt/hotplug_mp/checkpatch
# checkpatches.sh's awk programs need gawk (mawk rejects them)
for p in linux-source-6.1 codespell gawk; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "$p" >/dev/null
done
if [ ! -x "$cp_dir/checkpatch.pl" ]; then
	mkdir -p "$cp_dir"
	tar -C "$cp_dir" --strip-components=2 -xf /usr/src/linux-source-6.1.tar.xz \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
fi
DPDK_CHECKPATCH_PATH=$cp_dir/checkpatch.pl \
	DPDK_CHECKPATCH_CODESPELL=/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt \
	devtools/checkpatches.sh $(ls "$top"/patches/[0-9][0-9][0-9][0-9]-*.patch | grep -v '/0000-')
