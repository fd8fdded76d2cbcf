#!/usr/bin/env bash
# Send a series of patches/main/ upstream, the way DPDK's contributor guide
# asks: to dev@dpdk.org, with the maintainers of the files it touches (from
# DPDK's MAINTAINERS, through devtools/get-maintainer.sh and the kernel's
# get_maintainer.pl from Debian's linux-source-6.1) on copy, the patches
# threaded under the cover letter. git send-email adds stable@dpdk.org
# itself from the "Cc: stable@dpdk.org" line of each fix.
#
#   scripts/send-series.sh fixes|features          prints the command
#   scripts/send-series.sh --send fixes|features   runs it (needs git
#                                                  send-email configured)
#
# Send the fixes first; the features' cover letter names them in its
# Depends-on: line, so give the fixes' series link there before sending.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
die() { printf '[send-series] error: %s\n' "$*" >&2; exit 1; }

send=0
if [ "${1:-}" = "--send" ]; then
	send=1
	shift
fi
[ $# -eq 1 ] && [ -d "$top/patches/main/$1" ] ||
	die "usage: scripts/send-series.sh [--send] fixes|features"
ser=main/$1

cd "$top"
. scripts/lib/dpdk_sources.sh
. scripts/lib/packages.sh
fetch_tarball dpdk
file=$(wrap_value dpdk source_filename)
patches=$(ls patches/$ser/[0-9][0-9][0-9][0-9]-*.patch)

kernel_scripts get_maintainer.pl
gm=$kernel_scripts_dir/get_maintainer.pl

# DPDK's MAINTAINERS and its wrapper, from the release the series is on
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" --strip-components=1 -xf "subprojects/packagecache/$file" \
	--wildcards '*/MAINTAINERS' '*/devtools/get-maintainer.sh' \
	'*/devtools/load-devel-config'
recipients=$(cd "$tmp" && for p in $(echo "$patches" | grep -v '/0000-'); do
		DPDK_GETMAINTAINER_PATH=$gm devtools/get-maintainer.sh "$top/$p"
	done | sort -u)
[ -n "$recipients" ] || die "no maintainer found for the files of patches/$ser/"

cmd=(git send-email --to dev@dpdk.org --thread --no-chain-reply-to)
while IFS= read -r r; do
	cmd+=(--cc "$r")
done <<<"$recipients"
cmd+=($patches)
printf '%q ' "${cmd[@]}"
echo
[ $send -eq 1 ] || exit 0
"${cmd[@]}"
