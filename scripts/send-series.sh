#!/usr/bin/env bash
# Prepare a series of patches/main/ for sending upstream, the way DPDK's
# contributor guide asks: to dev@dpdk.org, with the maintainers of the
# files it touches (from DPDK's MAINTAINERS, through
# devtools/get-maintainer.sh and the kernel's get_maintainer.pl from
# Debian's linux-source-6.1) on copy, the patches threaded under the cover
# letter. git send-email adds stable@dpdk.org itself from the
# "Cc: stable@dpdk.org" line of each fix.
#
#   scripts/send-series.sh S            writes the mail to mail/S/ and
#                                       prints the command that sends it
#   scripts/send-series.sh --send S     also runs it (needs git send-email
#                                       configured)
#
# S names a folder of patches/main/ (fixes, features, ...). The committed
# patches carry a placeholder author (scripts/lib/identity.sh): the mail
# carries yours, as author and in Signed-off-by, from `git config
# user.name` and `user.email`. By sending it you certify the Developer's
# Certificate of Origin for it. Without an identity nothing is written.
#
# Send the series in the order they depend on each other: a cover letter
# names the series it needs in its Depends-on: line, series-NNNNN there
# standing for the patchwork ID that series got; write it in first.
# Needs no set-up: it fetches the DPDK tarball and the kernel's script
# itself.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '[send-series] %s\n' "$*" >&2; }
die() { printf '[send-series] error: %s\n' "$*" >&2; exit 1; }

send=0
if [ "${1:-}" = "--send" ]; then
	send=1
	shift
fi
names=$(cd "$top/patches/main" && ls -d */ | tr -d / | tr '\n' '|')
[ $# -eq 1 ] && [ -f "$top/patches/main/$1/0000-cover-letter.patch" ] ||
	die "usage: scripts/send-series.sh [--send] ${names%|}"
ser=main/$1

cd "$top"
. scripts/lib/identity.sh
ident=$(sender_ident)
[ -n "$ident" ] ||
	die "no sender identity: set yours with git config user.name \"Your Name\" and git config user.email you@example.org (it becomes the patches' author and Signed-off-by)"
. scripts/lib/dpdk_sources.sh
. scripts/lib/packages.sh
fetch_tarball dpdk-26.07
file=$(wrap_value dpdk-26.07 source_filename)

# the mail: each patch signed by the sender
out=mail/$1
rm -rf "$out"
mkdir -p "$out"
for p in patches/$ser/[0-9][0-9][0-9][0-9]-*.patch; do
	sign_as "$ident" <"$p" >"$out/$(basename "$p")"
done
! grep -l -F -e "$placeholder_email" -e "$placeholder_name" "$out"/*.patch ||
	die "the placeholder identity is left in the files above"
patches=$(ls "$out"/[0-9][0-9][0-9][0-9]-*.patch)

kernel_scripts get_maintainer.pl
gm=$kernel_scripts_dir/get_maintainer.pl

# DPDK's MAINTAINERS and its wrapper, from the release the series is on
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" --strip-components=1 -xf "subprojects/packagecache/$file" \
	--wildcards '*/MAINTAINERS' '*/devtools/get-maintainer.sh' \
	'*/devtools/load-devel-config' '*/.mailmap'
# devtools/check-git-log.sh wants every author in .mailmap
grep -q -F -x "$ident" "$tmp/.mailmap" ||
	log "note: $ident is not in DPDK's .mailmap: add that line to it in the first patch, as a new contributor does"
recipients=$(cd "$tmp" && for p in $(echo "$patches" | grep -v '/0000-'); do
		DPDK_GETMAINTAINER_PATH=$gm devtools/get-maintainer.sh "$top/$p"
	done | sort -u)
[ -n "$recipients" ] || die "no maintainer found for the files of patches/$ser/"

cmd=(git send-email --to dev@dpdk.org --thread --no-chain-reply-to)
while IFS= read -r r; do
	cmd+=(--cc "$r")
done <<<"$recipients"
cmd+=($patches)
log "the mail, signed by $ident: $out/"
printf '%q ' "${cmd[@]}"
echo
[ $send -eq 1 ] || exit 0
"${cmd[@]}"
