# Debian packages and the kernel's patch scripts, for the entry scripts.
# Sourced; log() may be defined by the caller.

# package_installed P: whether Debian's package P is installed
package_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# ensure_packages P...: install those of the packages that are missing
ensure_packages() {
	local p missing=()
	for p in "$@"; do
		package_installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	! declare -F log >/dev/null || log "installing: ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
}

# Where kernel_scripts puts scripts of the kernel's source tree.
kernel_scripts_dir=/opt/hotplug_mp/checkpatch

# kernel_scripts NAME...: scripts/NAME of Debian's linux-source-6.1 in
# $kernel_scripts_dir (checkpatch.pl and its data, get_maintainer.pl)
kernel_scripts() {
	local n want=()
	for n in "$@"; do
		[ -e "$kernel_scripts_dir/$n" ] || want+=("linux-source-6.1/scripts/$n")
	done
	[ ${#want[@]} -eq 0 ] && return 0
	ensure_packages linux-source-6.1
	mkdir -p "$kernel_scripts_dir"
	tar -C "$kernel_scripts_dir" --strip-components=2 \
		-xf /usr/src/linux-source-6.1.tar.xz "${want[@]}"
}
