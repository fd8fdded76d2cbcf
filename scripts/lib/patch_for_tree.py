#!/usr/bin/env python3
"""Print a patch file without the changes to files that the tree does not
have and that the patch does not create.

The series of patches/main/ are made against DPDK main, whose 26.11 release
notes a v26.07 tarball lacks; applied to the tarball, those hunks are left
out (and named on stderr). Everything else is printed as it is.

    patch_for_tree.py TREE PATCH
"""
import os
import re
import sys

tree, path = sys.argv[1], sys.argv[2]
text = open(path).read()
# the mail (headers, message, ---/stat) | diff sections | signature
parts = re.split(r'(?m)^(?=diff --git )', text)
head, sections = parts[0], parts[1:]
tail = ''
if sections:
    last = sections[-1]
    m = re.search(r'(?m)^-- \n', last)
    if m:
        sections[-1], tail = last[:m.start()], last[m.start():]
kept = []
for sec in sections:
    m = re.match(r'diff --git a/(\S+) b/(\S+)', sec)
    created = re.search(r'(?m)^--- /dev/null$', sec) is not None
    if m and not created and not os.path.exists(os.path.join(tree, m.group(1))):
        print('%s: left out the changes to %s, which this tree does not have'
              % (os.path.basename(path), m.group(1)), file=sys.stderr)
        continue
    kept.append(sec)
sys.stdout.write(head + ''.join(kept) + tail)
