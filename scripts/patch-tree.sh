#!/usr/bin/env bash
# A git tree of a DPDK release with one series of patches/ applied as
# commits, for working on the series, and the series' checks.
#
#   scripts/patch-tree.sh [--series S] [--upstream GIT] DIR
#                                       make DIR: base commit + `git am`
#   scripts/patch-tree.sh --build ...   also build every prefix of the series
#   scripts/patch-tree.sh --check ...   also run DPDK's check-git-log.sh and
#                                       checkpatches.sh (kernel checkpatch.pl
#                                       from Debian's linux-source-6.1)
# S is main (default: DPDK 26.07, the fixes then the features), main/fixes,
# main/features (on top of the fixes), 22.11 or 25.11 (the LTS backports).
#
# The series of patches/main/ are made against DPDK main, whose commit the
# cover letter of main/fixes names (base-commit:). With --upstream GIT, a
# clone of DPDK's repository, DIR is a clone of it at that commit, with
# upstream's history (check-git-log.sh then checks the Fixes: tags). Without
# it, DIR starts from the v26.07 tarball, and the changes to the 26.11
# release notes, which v26.07 lacks, are left out.
#
# After editing commits in DIR, regenerate the series with
#   scripts/format-series.sh S DIR
# which keeps the cover letter's text.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '[patch-tree] %s\n' "$*"; }
die() { printf '[patch-tree] error: %s\n' "$*" >&2; exit 1; }

build=0 check=0 ser=main upstream=
while [ $# -gt 1 ]; do
	case $1 in
	--build) build=1 ;;
	--check) build=1 check=1 ;;
	--series) ser=$2; shift ;;
	--upstream) upstream=$(realpath "$2"); shift ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] || die "usage: scripts/patch-tree.sh [--build|--check] [--series S] [--upstream GIT] DIR"
dir=$(realpath -m "$1")

cd "$top"
. scripts/lib/dpdk_sources.sh
wrap=$(series_wrap "$ser")
fetch_tarball "$wrap"
file=$(wrap_value "$wrap" source_filename)
patches=$(series "$ser")
[ -n "$patches" ] || die "patches/$ser/ holds no series"

# the series applied first, when S is on top of another
case $ser in
main/features) patches="$(series main/fixes) $patches" ;;
esac

rm -rf "$dir"
# the commits are the tree's own: no identity of the user is needed
export GIT_COMMITTER_NAME=patch-tree GIT_COMMITTER_EMAIL=patch-tree@localhost
if [ -n "$upstream" ]; then
	case $ser in main*) ;; *) die "--upstream is for the series of patches/main/" ;; esac
	commit=$(sed -n 's/^base-commit: //p' patches/main/fixes/0000-cover-letter.patch)
	[ -n "$commit" ] || die "patches/main/fixes/0000-cover-letter.patch names no base-commit"
	git clone -q --no-checkout "$upstream" "$dir"
	git -C "$dir" checkout -q -b series "$commit" ||
		die "$upstream has no commit $commit"
	cd "$dir"
	git tag base
	for p in $patches; do
		git am -q "$top/$p"
	done
else
	mkdir -p "$dir"
	tar -C "$dir" --strip-components=1 -xf "subprojects/packagecache/$file"
	cd "$dir"
	git init -q
	git add -A -f
	git -c user.name=base -c user.email=base@localhost commit -qm "${file%.tar.xz}"
	git tag base
	for p in $patches; do
		patch_for_tree . "$top/$p" | git am -q
	done
fi
git log --oneline base..HEAD

[ $build -eq 1 ] || exit 0

# every prefix of the series builds: one trimmed build, rebuilt at each
# commit (only what a patch touches is compiled again)
bdir=$dir/build-prefixes
orig=$(git symbolic-ref -q --short HEAD || git rev-parse HEAD)
opts=(-Denable_drivers=bus/pci,bus/vdev,net/null -Ddisable_apps='*'
	-Dtests=false -Dexamples= -Denable_docs=false -Ddefault_library=static)
# the fewest libraries where the release lets us choose
grep -q "option('enable_libs'" meson_options.txt && opts+=(-Denable_libs=)
grep -q "option('enable_kmods'" meson_options.txt && opts+=(-Denable_kmods=false)
# DPDK's build scripts need Debian's python3 (elftools)
export PATH=/usr/bin:$PATH
meson setup "$bdir" "${opts[@]}" >"$dir/meson-setup.log" 2>&1 ||
	{ tail -20 "$dir/meson-setup.log"; die "meson setup of the prefix build failed"; }
for c in $(git rev-list --reverse base..HEAD); do
	git checkout -q "$c"
	ninja -C "$bdir" >"$bdir/prefix.log" 2>&1 ||
		{ tail -30 "$bdir/prefix.log"; die "prefix build FAILED at $(git log --oneline -1)"; }
	warnings=$(grep -c 'warning:' "$bdir/prefix.log" || true)
	[ "$warnings" -eq 0 ] ||
		{ grep -A4 'warning:' "$bdir/prefix.log" | head -40; die "prefix build warns at $(git log --oneline -1)"; }
	echo "prefix builds: $(git log --oneline -1)"
done
git checkout -q "$orig"

[ $check -eq 1 ] || exit 0

# check-git-log.sh: commit-log rules over base..HEAD. Without upstream's
# history here, it cannot find the commits that Fixes: tags name, and the
# Signed-off-by line of our identity is longer than it allows: it reports
# both, and the checks go on.
devtools/check-git-log.sh -r "base..HEAD" && echo "check-git-log: OK" ||
	echo "check-git-log: see above"

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
	devtools/checkpatches.sh $(for p in $patches; do echo "$top/$p"; done)
