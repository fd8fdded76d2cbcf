# The identity the committed series carry, and the sender's. Sourced.
#
# A patch under patches/ is authored and signed off by a placeholder that
# no one can mistake for a person: DPDK's Developer's Certificate of Origin
# is given by whoever sends the patch, and scripts/send-series.sh writes
# that person's git identity in its place.

placeholder_name="HOTPLUG-MP PLACEHOLDER"
placeholder_email="placeholder@sender.invalid"
placeholder_ident="$placeholder_name <$placeholder_email>"

# sender_ident: "Name <email>" from the user's git configuration, or
# nothing when either is unset or is the placeholder's
sender_ident() {
	local name email
	name=$(git config --get user.name 2>/dev/null || true)
	email=$(git config --get user.email 2>/dev/null || true)
	[ -n "$name" ] && [ -n "$email" ] || return 0
	[ "$email" != "$placeholder_email" ] && [ "$name" != "$placeholder_name" ] ||
		return 0
	printf '%s <%s>\n' "$name" "$email"
}

# sign_as IDENT < PATCH > MAIL: the patch with the sender as its author
# (From:, and the cover letter's shortlog), in its Signed-off-by line and
# as the copyright holder of the files it adds, in place of the
# placeholder
sign_as() {
	IDENT=$1 PH=$placeholder_ident PHNAME=$placeholder_name /usr/bin/python3 -c '
import os, re, sys
ident, ph, phname = os.environ["IDENT"], os.environ["PH"], os.environ["PHNAME"]
name = ident.rsplit(" <", 1)[0]
out = []
for line in sys.stdin.read().split("\n"):
    if line in ("From: " + ph, "Signed-off-by: " + ph):
        line = line.split(":")[0] + ": " + ident
    elif re.fullmatch(re.escape(phname) + r" \(\d+\):", line):
        line = name + line[len(phname):]
    elif re.fullmatch(r"\+ \* Copyright\(c\) \d{4} " + re.escape(phname), line):
        # the files the patch adds: held by the sender, or whom they name
        line = line[:-len(phname)] + name
    out.append(line)
sys.stdout.write("\n".join(out))
'
}
