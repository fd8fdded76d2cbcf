#!/usr/bin/env bash
# A git tree of a DPDK release with one series of patches/ applied as
# commits, for working on the series, and the series' checks.
#
#   scripts/patch-tree.sh [--series S] [--upstream GIT] DIR
#                                       make DIR: base commit + `git am`
#   scripts/patch-tree.sh --build ...   also build every prefix of the series
#   scripts/patch-tree.sh --check ...   also run DPDK's checks: check-git-log.sh,
#                                       checkpatches.sh (kernel checkpatch.pl
#                                       from Debian's linux-source-6.1, the
#                                       symbol export check), check-doc-vs-code.sh,
#                                       and the guides built with Sphinx at base
#                                       and HEAD (no new warning); last line
#                                       "checks: N errors, N warnings"
# S is a series of changes.toml's [folder] table (patches/S/), applied
# on those it is `on`, or main (default): main/fixes and main/features of
# DPDK 26.07 as one series, as the flavours carry them.
#
# The series of patches/main/ are made against DPDK main, whose commit the
# cover letter of main/fixes names (base-commit:). With --upstream GIT, a
# clone of DPDK's repository, DIR is a clone of it at that commit, with
# upstream's history (check-git-log.sh then checks the Fixes: tags). Without
# it, DIR starts from the v26.07 tarball, and the changes to the 26.11
# release notes, which v26.07 lacks, are left out.
#
# A series on top of another has the tag series-base at the other's last
# commit: the prefix builds and the checks cover its own patches only. The
# prefix builds enable the drivers, testpmd and dpdk-test where the series
# changes them.
#
# After editing commits in DIR, regenerate the series with
#   scripts/format-series.sh --base series-base S DIR
# which keeps the cover letter's text.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '[patch-tree] %s\n' "$*"; }
die() { printf '[patch-tree] error: %s\n' "$*" >&2; exit 1; }

build=0 check=0 ser=main upstream= prefixes=1
while [ $# -gt 1 ]; do
	case $1 in
	--build) build=1 ;;
	--check) build=1 check=1 ;;
	--series) ser=$2; shift ;;
	--upstream) upstream=$(realpath "$2"); shift ;;
	--no-prefix-builds) prefixes=0 ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] || die "usage: scripts/patch-tree.sh [--build|--check] [--series S] [--upstream GIT] DIR"
dir=$(realpath -m "$1")

cd "$top"
. scripts/lib/dpdk_sources.sh
. scripts/lib/packages.sh
. scripts/lib/identity.sh
deps=
if [ "$ser" = main ]; then
	# the fixes and the features as one series, as the flavours carry them
	wrap=$(series_wrap main/features)
	patches=$(changes_py patches main/features)
else
	wrap=$(series_wrap "$ser")
	patches=$(series "$ser")
	# the series applied first (those it is on), the farthest first
	for d in $(changes_py stack "$ser" | sed '$d'); do
		deps="$deps $(series "$d")"
	done
fi
[ -n "$patches" ] || die "patches/$ser/ holds no series"
fetch_tarball "$wrap"
file=$(wrap_value "$wrap" source_filename)

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
	# upstream has the 26.11 release notes the patches change
	apply() { git am -q "$top/$1"; }
else
	mkdir -p "$dir"
	tar -C "$dir" --strip-components=1 -xf "subprojects/packagecache/$file"
	cd "$dir"
	git init -q
	git add -A -f
	git -c user.name=base -c user.email=base@localhost commit -qm "${file%.tar.xz}"
	apply() { patch_for_tree . "$top/$1" | git am -q; }
fi
git tag base
for p in $deps; do
	apply "$p"
done
git tag series-base
for p in $patches; do
	apply "$p"
done
git log --oneline series-base..HEAD

[ $build -eq 1 ] || exit 0
orig=$(git symbolic-ref -q --short HEAD || git rev-parse HEAD)
[ $prefixes -eq 1 ] || { [ $check -eq 1 ] && echo "prefix builds: skipped (--no-prefix-builds)"; }

if [ $prefixes -eq 1 ]; then
	# every prefix of the series builds: one trimmed build, rebuilt at each
	# commit (only what a patch touches is compiled again)
	bdir=$dir/build-prefixes
	# the drivers the series changes, with the drivers they need
	# (meson skips a driver whose dependency is not enabled)
	changed=$(git diff --name-only series-base HEAD -- drivers |
		python3 "$top/scripts/lib/driver_closure.py")
	drivers=bus/pci,bus/vdev,net/null${changed:+,$changed}
	# testpmd, and dpdk-test (from 23.11 an app of enable_apps too, in
	# app/; before, built apart in app/test/), where the series changes
	# their sources; no app otherwise
	enabled= tests=false
	if ! git diff --quiet series-base HEAD -- app/test-pmd; then
		enabled=test-pmd
		drivers=$drivers,mempool/ring
	fi
	if ! git diff --quiet series-base HEAD -- app/test; then
		enabled=${enabled:+$enabled,}test
		tests=true
	fi
	apps=(-Ddisable_apps='*')
	[ -z "$enabled" ] || apps=(-Denable_apps="$enabled")
	drivers=$(tr , '\n' <<<"$drivers" | awk '!seen[$0]++' | paste -sd,)
	opts=(-Denable_drivers="$drivers" "${apps[@]}"
		-Dtests=$tests -Dexamples= -Denable_docs=false -Ddefault_library=static)
	# the fewest libraries where the release lets us choose
	grep -q "option('enable_libs'" meson_options.txt && opts+=(-Denable_libs=)
	grep -q "option('enable_kmods'" meson_options.txt && opts+=(-Denable_kmods=false)
	# DPDK's build scripts need Debian's python3 (elftools)
	export PATH=/usr/bin:$PATH
	meson setup "$bdir" "${opts[@]}" >"$dir/meson-setup.log" 2>&1 ||
		{ tail -20 "$dir/meson-setup.log"; die "meson setup of the prefix build failed"; }
	skipped=$(awk '/Content Skipped/ { s = 1 } s' "$dir/meson-setup.log" |
		grep -E "^[[:space:]]+(${drivers//,/|}):" || true)
	[ -z "$skipped" ] || die "the prefix build skips drivers the series changes: $skipped"
	echo "prefix builds: drivers $drivers; ${apps[*]}; tests $tests"
	for c in $(git rev-list --reverse series-base..HEAD); do
		git checkout -q "$c"
		ninja -C "$bdir" >"$bdir/prefix.log" 2>&1 ||
			{ tail -30 "$bdir/prefix.log"; die "prefix build FAILED at $(git log --oneline -1)"; }
		[ "$tests" = false ] || [ -x "$bdir/app/dpdk-test" ] ||
			[ -x "$bdir/app/test/dpdk-test" ] ||
			die "dpdk-test not built at $(git log --oneline -1) (see $dir/meson-setup.log)"
		warnings=$(grep -c 'warning:' "$bdir/prefix.log" || true)
		[ "$warnings" -eq 0 ] ||
			{ grep -A4 'warning:' "$bdir/prefix.log" | head -40; die "prefix build warns at $(git log --oneline -1)"; }
		echo "prefix builds: $(git log --oneline -1)"
	done
	git checkout -q "$orig"
fi

[ $check -eq 1 ] || exit 0

# The checks DPDK asks for before review. Each prints what it found; a
# problem it reports counts as an error, except the ones listed as
# expected, each with its reason. The last line reads
# "checks: N errors, N warnings" (warnings: the expected ones).
errors=0 warnings=0
problem() { errors=$((errors + 1)); echo "ERROR: $*"; }
expected() { warnings=$((warnings + 1)); echo "warning (expected): $*"; }
# checkpatches.sh's awk programs need gawk (mawk rejects them)
ensure_packages codespell gawk python3-sphinx
kernel_scripts checkpatch.pl spelling.txt const_structs.checkpatch
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check-git-log.sh: the commit-log rules over base..HEAD. Without
# upstream's history (no --upstream) it cannot find the commits that
# Fixes: tags name; their format is still checked.
echo "== check-git-log.sh"
# (some headings end with a space)
devtools/check-git-log.sh -r "series-base..HEAD" 2>&1 | sed 's/ *$//' >"$tmp/gitlog" || true
cat "$tmp/gitlog"
# what it found, by heading: one count per kind
awk '/^[A-Z].*[:?]$/ { head = $0; next } /^\t/ { n[head]++ } END { for (h in n) print n[h] "\t" h }' \
	"$tmp/gitlog" >"$tmp/gitlog.found"
while IFS=$'\t' read -r n head; do
	case $head in
	"Wrong 'Fixes' reference:")
		if [ -z "$upstream" ]; then
			expected "check-git-log: $n Fixes: tags name commits this tree lacks (it has no upstream history; --upstream checks them)"
		else
			problem "check-git-log: $n wrong Fixes: references"
		fi ;;
	"Is it candidate for Cc: stable@dpdk.org backport?")
		# a behaviour change for main that fixes a bug names its cause
		# but is not for stable; its message must say so
		m=0
		while IFS= read -r subj; do
			c=$(git log --format=%H --fixed-strings --grep="$subj" -1 series-base..HEAD)
			[ -n "$c" ] && git log -1 --format=%B "$c" | tr '\n' ' ' |
				grep -q 'not for stable' && m=$((m + 1))
		done < <(awk -v h="$head" '$0 == h { s = 1; next } /^[A-Z]/ { s = 0 } s && /^\t/ { sub(/^\t/, ""); print }' "$tmp/gitlog")
		[ "$m" -eq 0 ] || expected "check-git-log: $m commits with Fixes: and no Cc: stable, each saying it is for main, not for stable (a behaviour change)"
		[ "$n" -eq "$m" ] || problem "check-git-log: $((n - m)) commits with Fixes: and no Cc: stable that do not say why" ;;
	"Contributor name/email mismatch with .mailmap:")
		# the commits' placeholder author (scripts/lib/identity.sh) is
		# no contributor; scripts/send-series.sh puts the sender's name
		m=$(grep -c "^	$placeholder_ident is unknown in .mailmap" "$tmp/gitlog" || true)
		[ "$m" -eq 0 ] || expected "check-git-log: the placeholder author is unknown in .mailmap (the sender's identity replaces it)"
		[ "$n" -eq "$m" ] || problem "check-git-log: $((n - m)) contributors unknown in .mailmap" ;;
	*) problem "check-git-log: $n x $head" ;;
	esac
done <"$tmp/gitlog.found"

# checkpatches.sh (the kernel's checkpatch.pl from Debian's linux-source,
# forbidden tokens, experimental and internal tags, the symbol export
# check check-symbol-change.py, release notes) on every patch file. Its
# release-notes check wants the notes of the tree's VERSION: on the
# tarball, the patches are checked as applied, without the 26.11 notes.
echo "== checkpatches.sh"
files=()
for p in $patches; do
	if [ -n "$upstream" ]; then
		files+=("$top/$p")
	else
		mkdir -p "$tmp/cp/$(dirname "$p")"
		patch_for_tree "$dir" "$top/$p" >"$tmp/cp/$p" 2>/dev/null
		files+=("$tmp/cp/$p")
	fi
done
DPDK_CHECKPATCH_PATH=$kernel_scripts_dir/checkpatch.pl \
	DPDK_CHECKPATCH_CODESPELL=/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt \
	devtools/checkpatches.sh "${files[@]}" >"$tmp/cp.out" 2>&1 || true
cat "$tmp/cp.out"
# checkpatch.pl's findings by type (its report of a patch ends with a
# "total:" line); what DPDK's own checks print follows it, or stands
# alone under the patch's heading when checkpatch.pl found nothing
grep -o '^\(ERROR\|WARNING\|CHECK\):[A-Z_]*' "$tmp/cp.out" | sort | uniq -c >"$tmp/cp.found" || true
while read -r n what; do
	if [ "$what" = WARNING:UNKNOWN_COMMIT_ID ] && [ -z "$upstream" ]; then
		expected "checkpatch: $n x $what: the Fixes: commits are not in this tree (no upstream history)"
	else
		problem "checkpatch: $n x $what"
	fi
done <"$tmp/cp.found"
# the autotest registers a vdev driver of its own, as test_vdev.c and
# virtual_pmd.c do, and injects a port's removal event: it needs the
# driver headers of the bus and of ethdev. That finding is expected; the
# rest is counted without it.
awk '/^Warning in app\/test\/test_hotplug_mp.c:$/ { held = $0; next }
	held != "" { h = held; held = ""
		if ($0 == "Using driver specific headers in applications") next
		print h }
	{ print }' "$tmp/cp.out" >"$tmp/cp.rest"
drv=$(( ($(wc -l <"$tmp/cp.out") - $(wc -l <"$tmp/cp.rest")) / 2 ))
[ "$drv" -eq 0 ] || expected "checkpatches: $drv x driver specific header in app/test/test_hotplug_mp.c (bus_vdev_driver.h: the test registers its own vdev driver, as test_vdev.c and virtual_pmd.c do; ethdev_driver.h: it injects a port's removal event, as test_link_bonding.c and virtual_pmd.c use ethdev's driver side)"
other=$(awk 'function flush() { n += has_total ? after : lines }
	/^### / { if (in_patch) flush(); in_patch = 1; has_total = after = lines = 0; next }
	/^[0-9]+\/[0-9]+ valid patch|^Invalid patch/ { if (in_patch) flush(); in_patch = 0; next }
	!in_patch || !NF { next }
	/^total: / { has_total = 1; next }
	{ lines++; if (has_total) after++ }
	END { if (in_patch) flush(); print n + 0 }' "$tmp/cp.rest")
[ "$other" -eq 0 ] || problem "checkpatches.sh: $other other findings, above"
# (its own count of valid patches also counts the expected findings)
grep -q '^[0-9]*/[0-9]* valid patch\|^Invalid patch' "$tmp/cp.out" ||
	problem "checkpatches.sh did not report"

# check-doc-vs-code.sh: driver feature docs against their code, for what
# changed since base (the series changes no driver it covers)
echo "== check-doc-vs-code.sh"
devtools/check-doc-vs-code.sh series-base >"$tmp/doc-vs-code" 2>&1 ||
	problem "check-doc-vs-code.sh: $(cat "$tmp/doc-vs-code")"
cat "$tmp/doc-vs-code"

# the symbol export checks of the build (buildtools/check-symbols.sh, run
# on each library in developer mode, as this git tree is) ran with every
# prefix above.

# the guides build with Sphinx, with no warning the base does not have
echo "== Sphinx: doc/guides at base and at HEAD"
sphinx() {
	git checkout -q "$1"
	rm -rf "$tmp/sphinx"
	{ /usr/bin/python3 -m sphinx -b html -j 2 -q -d "$tmp/sphinx/doctrees" \
		doc/guides "$tmp/sphinx/html" 2>&1 || echo "sphinx-build failed"; } |
		sed "s|$dir/||" | sort -u >"$2"
}
sphinx series-base "$tmp/sphinx-base.txt"
sphinx "$orig" "$tmp/sphinx-head.txt"
echo "Sphinx warnings: base $(wc -l <"$tmp/sphinx-base.txt"), HEAD $(wc -l <"$tmp/sphinx-head.txt")"
comm -13 "$tmp/sphinx-base.txt" "$tmp/sphinx-head.txt" | while read -r w; do
	echo "new Sphinx warning: $w"
done | tee "$tmp/sphinx-new.txt"
[ ! -s "$tmp/sphinx-new.txt" ] || problem "Sphinx: $(wc -l <"$tmp/sphinx-new.txt") new warnings, above"

echo "checks: $errors errors, $warnings warnings"
[ $errors -eq 0 ]
