"""The drivers of the DPDK files named on stdin (drivers/net/null/...,
drivers/net/intel/i40e/...), with every driver they need, printed
comma-separated as meson's enable_drivers takes them (class/name, or
class/group/name where the driver is in a group folder). Run in a DPDK
tree; used by scripts/patch-tree.sh for its prefix builds."""
import os
import re
import sys


def folder(path):
    """drivers/CLASS/NAME, or drivers/CLASS/GROUP/NAME (GROUP has no
    meson.build)."""
    parts = path.split("/")
    for n in (3, 4):
        d = "/".join(parts[:n])
        if len(parts) > n and os.path.isfile(d + "/meson.build"):
            return d
    return None


def by_name(name):
    """The folder of a driver named as meson deps name it (net_i40e)."""
    cls, _, drv = name.partition("_")
    d = "drivers/%s/%s" % (cls, drv)
    if os.path.isfile(d + "/meson.build"):
        return d
    base = "drivers/" + cls
    for g in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        d = "%s/%s/%s" % (base, g, drv)
        if os.path.isfile(d + "/meson.build"):
            return d
    return None


def main():
    todo = [f for f in (folder(l.strip()) for l in sys.stdin if l.strip()) if f]
    seen = []
    while todo:
        d = todo.pop(0)
        if d in seen:
            continue
        seen.append(d)
        text = open(d + "/meson.build").read()
        # deps += ['a', 'b'] (maybe over several lines), or deps += 'a'
        for lst in re.findall(r"^deps\s*\+=\s*(\[.*?\]|'[^']*')", text,
                              re.M | re.S):
            for n in re.findall(r"'([a-z]+_[a-z0-9_]+)'", lst):
                dd = by_name(n)
                if dd:
                    todo.append(dd)
    print(",".join(x[len("drivers/"):] for x in seen))


if __name__ == "__main__":
    main()
