"""Privacy and a safe place: every file jobhunt writes is readable only by you, whatever
the umask; a store in a sync folder or on a network filesystem is warned about once,
and `jobhunt doctor` reports it."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from jobhunt import location, store
from jobhunt.location import HINT, filesystem_type, risk

pytestmark = pytest.mark.sqlite_only(reason="file permissions and the location of the store file")

DATA = Path(__file__).parent / "data"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


# --------------------------------------------------------------------------- permissions


def test_every_file_jobhunt_writes_is_private(
    jh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    monkeypatch.delenv("JOBHUNT_DB")  # the default place: $XDG_DATA_HOME/jobhunt/
    data_dir = tmp_path / "xdg-data" / "jobhunt"
    db = data_dir / "jobhunt.db"
    jh("add", "Acme", "Dev")
    jh("contact", "add", "Dana Lee", "--company", "Acme")
    jh("today")
    assert mode(data_dir) == 0o700
    assert mode(db) == 0o600
    # Hold the store open, as a running jobhunt does, and write: SQLite's -wal and -shm.
    conn = store.connect(db)
    with store.transaction(conn):
        conn.execute("INSERT INTO skill (name, added_on) VALUES ('SQL', '2026-11-27')")
    try:
        for name in ("jobhunt.db", "jobhunt.db-wal", "jobhunt.db-shm"):
            assert mode(data_dir / name) == 0o600, name
    finally:
        conn.close()

    made = Path(jh("backup").stdout.strip())
    assert made.parent == data_dir / "backups"
    assert (mode(made.parent), mode(made)) == (0o700, 0o600)
    elsewhere = Path(jh("backup", str(tmp_path / "new-folder") + "/").stdout.strip())
    assert (mode(elsewhere.parent), mode(elsewhere)) == (0o700, 0o600)

    source = tmp_path / "apps.csv"
    source.write_text("Company,Title,Date Applied\nBeta,QA,2026-11-20\n", encoding="utf-8")
    jh("import", "csv", str(source))
    (before_import,) = (data_dir / "backups").glob("jobhunt-*-pre-import.db")
    assert mode(before_import) == 0o600

    out = tmp_path / "out"
    out.mkdir()
    for args in (["json"], ["csv", "applications"], ["ics"], ["worklog", "-f", "csv"]):
        new = out / f"new-{args[0]}"
        old = out / f"old-{args[0]}"
        old.write_text("an older export")
        old.chmod(0o644)
        jh("export", *args, "-o", str(new))
        jh("export", *args, "-o", str(old))
        assert (mode(new), mode(old)) == (0o600, 0o600), args
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_the_backup_before_a_migration_is_private(jh, tmp_path: Path, umask: int) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    old = folder / "jobhunt.db"
    shutil.copy(DATA / "store-v1.db", old)
    old.chmod(0o644)  # as a git checkout or a plain cp leaves it
    jh("--db", str(old), "list")
    (backup,) = (folder / "backups").glob("jobhunt-*-pre-migration.db")
    assert mode(backup.parent) == 0o700
    assert mode(backup) == 0o600


def test_doctor_reports_a_store_others_can_read(jh, tmp_path: Path) -> None:
    """A store jobhunt makes is 0600; one copied in with looser permissions is kept as
    it is (jobhunt does not change your files' permissions behind your back), and
    `doctor` says how to fix it."""
    folder = tmp_path / "copied"
    folder.mkdir(mode=0o700)
    path = folder / "jobhunt.db"
    store.open_store(path).close()
    path.chmod(0o644)
    result = jh("--db", str(path), "doctor", ok=False)
    assert result.exit_code == 1
    assert f"BAD permissions of store: 0o644 -> chmod 600 {path}" in result.stdout.splitlines()


# --------------------------------------------------------------------------- location


def _warning(path: Path, service: str) -> str:
    problem = f"the store {path} is inside a {service} folder, which can corrupt a live database"
    return f"Warning: {problem}; {HINT}. (Shown once.)\n"


SYNC_FOLDERS = {
    "dropbox": (("Dropbox",), "Dropbox"),
    "dropbox-business": (("Dropbox (Acme Corp)", "Jobs"), "Dropbox"),
    "onedrive": (("OneDrive",), "OneDrive"),
    "onedrive-business": (("OneDrive - Contoso",), "OneDrive"),
    "icloud-drive": (("iCloud Drive", "Documents"), "iCloud Drive"),
    "icloud-mac-path": (("Library", "Mobile Documents", "com~apple~CloudDocs"), "iCloud Drive"),
    "google-drive": (("Google Drive",), "Google Drive"),
    "google-drive-stream": (("GoogleDrive-me@example.com", "My Drive"), "Google Drive"),
}


@pytest.mark.parametrize(("parts", "service"), SYNC_FOLDERS.values(), ids=list(SYNC_FOLDERS.keys()))
def test_a_store_in_a_sync_folder_is_warned_about_once(
    jh, tmp_path: Path, parts: tuple[str, ...], service: str
) -> None:
    path = tmp_path.joinpath(*parts, "jobhunt.db")
    first = jh("--db", str(path), "add", "Acme", "Dev")
    assert first.stderr == _warning(path, service)
    assert first.stdout.startswith("Added application 1: Acme — Dev")
    second = jh("--db", str(path), "list")
    assert (second.stderr, second.stdout) == ("", "1\tAcme\tDev\tapplied\t2026-11-27\t2026-12-04\n")


def test_a_syncthing_folder_is_found_by_its_marker(jh, tmp_path: Path) -> None:
    shared = tmp_path / "Sync"
    (shared / ".stfolder").mkdir(parents=True)
    path = shared / "deep" / "er" / "jobhunt.db"
    assert jh("--db", str(path), "list").stderr == _warning(path, "Syncthing")
    assert jh("--db", str(path), "list").stderr == ""


@pytest.mark.parametrize(
    "parts",
    [("MyDropboxNotes",), ("drive",), ("onedrivers",), ("Documents", "jobs")],
    ids=["dropbox-inside-a-word", "drive", "onedrive-prefix-of-a-word", "documents"],
)
def test_ordinary_folders_get_no_warning(jh, tmp_path: Path, parts: tuple[str, ...]) -> None:
    path = tmp_path.joinpath(*parts, "jobhunt.db")
    assert jh("--db", str(path), "add", "Acme", "Dev").stderr == ""


MOUNTS = r"""/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
server:/export /mnt/nfs nfs4 rw,vers=4.2 0 0
//nas/share /mnt/smb cifs rw,vers=3.0 0 0
me@host:/home/me /mnt/ssh fuse.sshfs rw,nosuid 0 0
/dev/sdb1 /mnt/nfs/local ext4 rw 0 0
server:/x /mnt/with\040space nfs rw 0 0
tmpfs /run tmpfs rw 0 0
"""

FILESYSTEMS = {
    "local-ext4": ("/home/me/.local/share/jobhunt/jobhunt.db", "ext4", None),
    "nfs4": ("/mnt/nfs/jobhunt.db", "nfs4", "nfs4"),
    "cifs-deeper": ("/mnt/smb/a/b/jobhunt.db", "cifs", "cifs"),
    "sshfs": ("/mnt/ssh/jobhunt.db", "fuse.sshfs", "fuse.sshfs"),
    "local-mount-inside-nfs": ("/mnt/nfs/local/jobhunt.db", "ext4", None),
    "escaped-space": ("/mnt/with space/jobhunt.db", "nfs", "nfs"),
    "prefix-is-not-inside": ("/mnt/nfsx/jobhunt.db", "ext4", None),
    "tmpfs": ("/run/jobhunt.db", "tmpfs", None),
}


@pytest.mark.parametrize(
    ("path", "fstype", "network"), FILESYSTEMS.values(), ids=list(FILESYSTEMS.keys())
)
def test_filesystem_type_and_risk_from_mounts(path: str, fstype: str, network: str | None) -> None:
    assert filesystem_type(Path(path), MOUNTS) == fstype
    expected = (
        None
        if network is None
        else (
            f"the store {path} is on a network filesystem ({network}), "
            "where SQLite's locking is unreliable"
        )
    )
    assert risk(Path(path), MOUNTS) == expected


def _on_nfs(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Pretend `folder` is an NFS mount (jobhunt reads /proc/mounts)."""
    mounts = f"/dev/sda1 / ext4 rw 0 0\nserver:/export {folder} nfs4 rw 0 0\n"
    real = location.filesystem_type
    monkeypatch.setattr(
        location, "filesystem_type", lambda path, mounts_text=None: real(path, mounts)
    )


def test_a_store_on_a_network_filesystem_is_warned_about_once(
    jh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_nfs(monkeypatch, tmp_path / "nas")
    path = tmp_path / "nas" / "jobhunt.db"
    problem = (
        f"the store {path} is on a network filesystem (nfs4), where SQLite's locking is unreliable"
    )
    assert jh("--db", str(path), "list").stderr == f"Warning: {problem}; {HINT}. (Shown once.)\n"
    assert jh("--db", str(path), "list").stderr == ""


@pytest.mark.parametrize("where", ["dropbox", "nfs"])
def test_doctor_reports_the_location_and_exits_1(
    jh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "dropbox":
        path = tmp_path / "Dropbox" / "jobhunt.db"
        problem = f"the store {path} is inside a Dropbox folder, which can corrupt a live database"
    else:
        _on_nfs(monkeypatch, tmp_path / "nas")
        path = tmp_path / "nas" / "jobhunt.db"
        problem = (
            f"the store {path} is on a network filesystem (nfs4), "
            "where SQLite's locking is unreliable"
        )
    jh("--db", str(path), "list")  # the one-time warning is spent: doctor still reports it
    result = jh("--db", str(path), "doctor", ok=False)
    assert result.exit_code == 1
    assert result.stderr == ""
    bad = [line for line in result.stdout.splitlines() if line.startswith("BAD")]
    assert bad == [f"BAD location: {problem} -> {HINT}"]
