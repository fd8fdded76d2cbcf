#!/usr/bin/env bash
# The emulated machine's guest: a kernel and its modules from Debian's
# linux-image package (downloaded with apt, unpacked, never installed), a
# busybox initramfs, and the binaries of one build directory with the
# libraries they link. Nothing of it is committed; it is made again when
# the build's binaries change.
#
#   tools/vm/guest.sh BUILD OUT
#
# OUT gets vmlinuz, initramfs.cpio and guest.env (what was put in). The
# guest's /init is tools/vm/init; the host side is tools/vm/run.py.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: tools/vm/guest.sh BUILD OUT" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
build=$(realpath "$1")
out=$(realpath -m "$2")
mkdir -p "$out"

# The kernel: the one Debian's linux-image-amd64 depends on.
cache=$out/kernel
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -1)
[ -n "$pkg" ] || { echo "guest.sh: no linux-image package known to apt" >&2; exit 1; }
if [ ! -f "$cache/$pkg.done" ]; then
	rm -rf "$cache"
	mkdir -p "$cache/deb"
	(cd "$cache/deb" && apt-get download -qq "$pkg" 2>/dev/null)
	deb=$(ls "$cache"/deb/"$pkg"_*.deb)
	dpkg-deb -x "$deb" "$cache/root"
	rm -rf "$cache/deb"
	touch "$cache/$pkg.done"
fi
kver=$(ls "$cache/root/lib/modules")
cp "$cache/root/boot/vmlinuz-$kver" "$out/vmlinuz"

# The modules vfio-pci and uio_pci_generic need, in load order (the
# package has no modules.dep; busybox insmod takes them as they are).
modules=(drivers/vfio/vfio drivers/vfio/vfio_virqfd virt/lib/irqbypass
	drivers/vfio/vfio_iommu_type1 drivers/vfio/pci/vfio-pci-core
	drivers/vfio/pci/vfio-pci drivers/uio/uio drivers/uio/uio_pci_generic)

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,tmp,run,lib/modules,opt/hp}
mkdir -p "$root/var" && ln -s ../run "$root/var/run"
cp /bin/busybox "$root/bin/busybox"
for m in "${modules[@]}"; do
	f=$cache/root/lib/modules/$kver/kernel/$m.ko
	[ -f "$f" ] || f=$f.xz
	[ -f "$f" ] || { echo "guest.sh: no module $m in $pkg" >&2; exit 1; }
	case $f in
	*.xz) xz -dc "$f" >"$root/lib/modules/$(basename "$m").ko" ;;
	*) cp "$f" "$root/lib/modules/" ;;
	esac
	echo "$(basename "$m")" >>"$root/lib/modules/order"
done
install -m 755 "$here/init" "$root/init"

# The binaries, as the build's test.env names them, and what they link.
env_file=$build/tests/integration/test.env
[ -f "$env_file" ] || { echo "guest.sh: $build has no tests/integration/test.env" >&2; exit 1; }
bins=("$build/tests/integration/hotplug_mp-integration")
: >"$root/opt/hp/test.env"
while IFS='=' read -r key value; do
	value=${value//\"/}
	case $key in
	HOTPLUG_MP_HOST|HOTPLUG_MP_PLUGIN|HOTPLUG_MP_TESTPMD|HOTPLUG_MP_SAMPLE_MODULE)
		[ -n "$value" ] && [ -f "$value" ] || continue
		cp "$value" "$root/opt/hp/"
		bins+=("$value")
		echo "$key=\"/opt/hp/$(basename "$value")\"" >>"$root/opt/hp/test.env" ;;
	HOTPLUG_MP_CHANGES)
		echo "$key=\"$value\"" >>"$root/opt/hp/test.env" ;;
	esac
done <"$env_file"
cp "$build/tests/integration/hotplug_mp-integration" "$root/opt/hp/"
for b in "${bins[@]}"; do
	ldd "$b" | awk '/=> \// {print $3} /^\t\/lib/ {print $1}'
done | sort -u | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
# the dynamic loader where programs look for it
if [ -e "$root/lib64/ld-linux-x86-64.so.2" ] || [ -e /lib64/ld-linux-x86-64.so.2 ]; then
	mkdir -p "$root/lib64"
	cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
fi
# debug sections are of no use in the guest and triple its size
find "$root/opt/hp" -type f -perm -u+x -exec strip --strip-debug {} + 2>/dev/null || true
find "$root/opt/hp" -name '*.so' -exec strip --strip-debug {} + 2>/dev/null || true

(cd "$root" && find . | busybox cpio -o -H newc 2>/dev/null) >"$out/initramfs.cpio.tmp"
mv "$out/initramfs.cpio.tmp" "$out/initramfs.cpio"
{
	echo "kernel=$pkg ($kver)"
	echo "build=$build"
	echo "size=$(du -m "$out/initramfs.cpio" | cut -f1) MiB"
} >"$out/guest.env"
cat "$out/guest.env"
