#!/usr/bin/env bash
# Regenerate patches/S/ from a tree made by scripts/patch-tree.sh (commits
# BASE..HEAD, BASE the tag "base" unless given), keeping the cover letter's
# subject and text: those of patches/S/0000-cover-letter.patch, or of FILE
# (first line the subject, then a blank line, then the text). For the
# features of patches/main/, BASE is the last commit of the fixes. The
# backports of patches/22.11/stable and 25.11/stable are sent as
# [PATCH 22.11 n/m] and [PATCH 25.11 n/m].
#
#   scripts/format-series.sh [--cover FILE] [--base BASE] S DIR
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cover= base=base
while [ $# -gt 2 ]; do
	case $1 in
	--cover) cover=$(realpath "$2") ;;
	--base) base=$2 ;;
	*) break ;;
	esac
	shift 2
done
[ $# -eq 2 ] || { echo "usage: scripts/format-series.sh [--cover FILE] [--base BASE] S DIR" >&2; exit 1; }
ser=$1
dir=$2
out=$top/patches/$ser

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$cover" ]; then
	# subject and blurb of the current cover letter
	python3 - "$out/0000-cover-letter.patch" >"$tmp/cover" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
head, _, body = text.partition('\n\n')
subject = re.search(r'^Subject: \[(?:PATCH|RFC)[^\]]*\] (.*(?:\n .*)*)', head, re.M).group(1)
subject = ' '.join(l.strip() for l in subject.split('\n'))
blurb = re.split(r'\n\S.*\(\d+\):\n', body)[0].rstrip('\n')
print(subject + '\n\n' + blurb)
EOF
	cover=$tmp/cover
fi
# a tree cloned from upstream (patch-tree.sh --upstream) names the commit
# the series is based on, and the patches it needs first
bc=()
git -C "$dir" remote get-url origin >/dev/null 2>&1 &&
	bc=(--base="$(git -C "$dir" rev-parse base)")
# a backport to an LTS branch names it, as DPDK's stable maintainers ask
prefix=PATCH
case $ser in
2[0-9].11/*) prefix="PATCH ${ser%%/*}" ;;
# a proposal for comments before it is implemented in full
*/rfc) prefix=RFC ;;
esac
# the cover letter is the placeholder's too, whoever runs this
. "$top/scripts/lib/identity.sh"
git -C "$dir" -c user.name="$placeholder_name" -c user.email="$placeholder_email" \
	format-patch -q --cover-letter --subject-prefix="$prefix" \
	"${bc[@]}" -o "$tmp/series" "$base..HEAD"
# the subject and text, and the base commit the series names already
# when the tree has none to name (a tree from a tarball)
python3 - "$tmp/series/0000-cover-letter.patch" "$cover" \
	"$out/0000-cover-letter.patch" <<'EOF'
import os, re, sys
path, cover, old = sys.argv[1:]
subject, _, blurb = open(cover).read().partition('\n\n')
text = open(path).read()
text = text.replace('*** SUBJECT HERE ***', subject.strip())
text = text.replace('*** BLURB HERE ***', blurb.rstrip('\n'))
m = os.path.exists(old) and re.search(r'(?m)^base-commit: [0-9a-f]{40}$',
                                      open(old).read())
if m and 'base-commit:' not in text:
    text = text.replace('\n-- \n', '\n' + m.group(0) + '\n-- \n', 1)
open(path, 'w').write(text)
EOF
rm -f "$out"/[0-9][0-9][0-9][0-9]-*.patch
mkdir -p "$out"
cp "$tmp/series"/*.patch "$out/"
ls "$out"
