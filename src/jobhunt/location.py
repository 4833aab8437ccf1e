"""Where the store lives: is it somewhere SQLite is unsafe?

Sync folders (Dropbox, OneDrive, iCloud Drive, Google Drive, Syncthing) copy a live
database file while it is being written, and network filesystems break the locking WAL
mode relies on: either can corrupt the store. jobhunt warns once per store.
"""

from __future__ import annotations

import os
from pathlib import Path

SYNC_NAMES = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "icloud drive": "iCloud Drive",
    "icloud": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
}
SYNC_MARKERS = {".stfolder": "Syncthing", ".dropbox": "Dropbox", ".dropbox.cache": "Dropbox"}
NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs", "ceph",
    "glusterfs", "fuse.glusterfs", "davfs", "fuse.rclone", "fuse.s3fs", "lustre",
}  # fmt: skip

HINT = (
    "keep the store on a local disk (--db or JOBHUNT_DB) and move data between machines "
    "with 'jobhunt export json' / 'jobhunt backup'"
)


def sync_service(path: Path) -> str | None:
    """The sync service whose folder holds `path`, if any (by folder name or marker file)."""
    for part in path.parts:
        name = part.casefold()
        for key, service in SYNC_NAMES.items():
            if name == key or name.startswith(key + " ") or name.startswith(key + "-"):
                return service
    for folder in [path.parent, *path.parent.parents]:
        for marker, service in SYNC_MARKERS.items():
            try:
                if (folder / marker).exists():
                    return service
            except OSError:
                continue
    return None


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def filesystem_type(path: Path, mounts_text: str | None = None) -> str | None:
    """The filesystem type of the mount holding `path` (from /proc/mounts), or None."""
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.realpath(path.parent)
    best, best_type = "", None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount = _unescape(fields[1])
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, best_type = mount, fields[2]
    return best_type


def risk(path: Path, mounts_text: str | None = None) -> str | None:
    """A one-line description of why this location is unsafe, or None when it is fine."""
    service = sync_service(path)
    if service:
        return f"the store {path} is inside a {service} folder, which can corrupt a live database"
    fstype = filesystem_type(path, mounts_text)
    if fstype and (fstype in NETWORK_FS or fstype.startswith(("nfs", "cifs", "smb"))):
        return (
            f"the store {path} is on a network filesystem ({fstype}), "
            "where SQLite's locking is unreliable"
        )
    return None
