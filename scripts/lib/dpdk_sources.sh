# DPDK sources: the release tarballs the wraps in subprojects/ name, and
# the patch series of patches/ applied to them. Sourced by scripts/setup.sh
# and scripts/patch-tree.sh, from the top of the tree, with log() and die()
# defined.

# The manifest of the changes of patches/ (changes.toml)
changes_py() { /usr/bin/python3 "$top/scripts/lib/changes.py" "$@"; }

# The wrap whose tarball a series of patches/ is based on: its base's.
series_wrap() {
	local base
	base=$(changes_py base "$1") || die "no series patches/$1/ in changes.toml"
	/usr/bin/python3 "$top/scripts/lib/flavours.py" base "$base" wrap
}

# The patch files of the series of patches/S in order, without the cover
# letter (not those of the series it is on).
series() {
	changes_py series "$1" || die "no series patches/$1/ in changes.toml"
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

# wrap_value WRAP KEY
wrap_value() { sed -n "s/^$2 *= *//p" "subprojects/$1.wrap"; }
# the hash offline-sources.sha256 records for a file, if any
offline_hash() { awk -v f="$1" '$2 == f {print $1}' subprojects/offline-sources.sha256; }
hash_ok() { echo "$2  $1" | sha256sum --quiet -c - >/dev/null 2>&1; }

# Where the offline copies of DPDK release tags are (subprojects/
# offline-sources.sha256): beside the clone, as on our machines and CI, or
# beside the local repository it was cloned from (a clone made elsewhere,
# such as a fresh one in a temporary directory).
offline_dir() {
	local origin
	if [ -n "${HOTPLUG_MP_DPDK_TARBALLS:-}" ]; then
		echo "$HOTPLUG_MP_DPDK_TARBALLS"
		return
	fi
	if [ ! -d "$top/../shared/dpdk" ]; then
		origin=$(git -C "$top" config --get remote.origin.url 2>/dev/null || true)
		origin=${origin#file://}
		# a local path: the repository's top, not its .git
		origin=$(cd "$origin" 2>/dev/null && pwd -P || true)
		origin=${origin%/.git}
		[ -n "$origin" ] && [ -d "$origin/../shared/dpdk" ] &&
			{ echo "$origin/../shared/dpdk"; return; }
	fi
	echo "$top/../shared/dpdk"
}
tarball_dir=$(offline_dir)

# fetch_tarball WRAP: the wrap's tarball in subprojects/packagecache/,
# checked. From there if it is already, else the offline copy, else the
# official release (source_url), else (22.11) Debian's source package.
fetch_tarball() {
	local wrap=$1 file official offline cache=subprojects/packagecache tmp
	file=$(wrap_value "$wrap" source_filename)
	official=$(wrap_value "$wrap" source_hash)
	offline=$(offline_hash "$file")
	mkdir -p "$cache"
	if [ -f "$cache/$file" ]; then
		hash_ok "$cache/$file" "$official" && return 0
		[ -n "$offline" ] && hash_ok "$cache/$file" "$offline" && return 0
		rm -f "$cache/$file"
	fi
	if [ -n "$offline" ] && [ -f "$tarball_dir/$file" ]; then
		hash_ok "$tarball_dir/$file" "$offline" ||
			die "$tarball_dir/$file does not match subprojects/offline-sources.sha256"
		log "using the offline copy $tarball_dir/$file"
		cp "$tarball_dir/$file" "$cache/$file"
		return 0
	fi
	tmp=$(mktemp -d)
	if [ -n "$(wrap_value "$wrap" source_url)" ]; then
		log "downloading $(wrap_value "$wrap" source_url)"
		curl -fsSL -o "$tmp/$file" "$(wrap_value "$wrap" source_url)" ||
			die "cannot get $file: no offline copy in $tarball_dir, and the download failed"
	else
		enable_deb_src
		log "fetching the DPDK source package with apt-get source"
		(cd "$tmp" && apt-get source --download-only -qq dpdk >/dev/null 2>&1) ||
			die "apt-get source dpdk failed"
		[ -f "$tmp/$file" ] || die "apt-get source did not bring $file (got: $(ls "$tmp"))"
	fi
	hash_ok "$tmp/$file" "$official" ||
		die "$file does not match source_hash in subprojects/$wrap.wrap"
	mv "$tmp/$file" "$cache/$file"
	rm -rf "$tmp"
}

# patch_for_tree DIR PATCH: the patch without changes to files DIR lacks
# (the 26.11 release notes, in a v26.07 tree), those named on stderr
patch_for_tree() { /usr/bin/python3 "$top/scripts/lib/patch_for_tree.py" "$1" "$2"; }

# prepare_source WRAP DIR [PATCH...]: unpack the wrap's tarball as
# subprojects/DIR and apply the patch files in order. A stamp records what
# the tree carries; any change re-unpacks.
prepare_source() {
	local wrap=$1 dir=subprojects/$2 file stamp want p patches=("${@:3}")
	fetch_tarball "$wrap"
	file=$(wrap_value "$wrap" source_filename)
	stamp=$dir/.hotplug_mp-patches
	want=$( (echo "$file"; [ ${#patches[@]} -eq 0 ] || cat "${patches[@]}") |
		sha256sum | cut -d' ' -f1)
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		return 0
	fi
	log "unpacking $file as $dir${patches[*]:+ with ${#patches[@]} patches}"
	rm -rf "$dir"
	mkdir -p "$dir"
	tar -C "$dir" --strip-components=1 -xf "subprojects/packagecache/$file"
	for p in "${patches[@]}"; do
		log "  $(basename "$p")"
		patch_for_tree "$dir" "$p" | patch -d "$dir" -p1 --batch --forward --quiet ||
			die "patch $p does not apply"
	done
	echo "$want" > "$stamp"
}
