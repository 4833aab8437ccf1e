"""The config file: a small TOML file that changes the numbers the rules use.

It lives in the platform's config directory (``$XDG_CONFIG_HOME/jobhunt/config.toml``
on Linux) unless ``$JOBHUNT_CONFIG`` names another file. Every key maps to one field
of `rules.Policy`; a missing file or key means the default. Example::

    weekly_applications = 8
    first_weekday = "sunday"

    [cadence]
    recruiter = 10

* `keys`  the keys, the Policy field each one sets, and checking their values;
* `load`  reading the file (stdlib `tomllib`, plus platformdirs) into the Policy:
          `cli._common.policy()` calls `load_policy()` on every command, including the
          fast morning one, so it stays light;
* `edit`  `config set` and `unset`: the file edited with tomlkit (imported only there,
          when writing), so the user's comments, key order and blank lines stay.
"""

from __future__ import annotations

from jobhunt.config.edit import (
    dumps,
    set_in,
    set_in_file,
    set_value,
    unset_in,
    unset_in_file,
    unset_value,
    write_file,
)
from jobhunt.config.keys import (
    CADENCE,
    KEYS,
    Key,
    key_for,
    known_keys,
    parse_value,
    place,
    show_value,
)
from jobhunt.config.load import (
    ENV_CONFIG,
    Setting,
    config_path,
    defaults,
    import_tables,
    load_policy,
    policy_from,
    read_raw,
    read_values,
    sender,
    settings,
    time_zone,
)

__all__ = [
    "CADENCE",
    "ENV_CONFIG",
    "KEYS",
    "Key",
    "Setting",
    "config_path",
    "defaults",
    "dumps",
    "import_tables",
    "key_for",
    "known_keys",
    "load_policy",
    "parse_value",
    "place",
    "policy_from",
    "read_raw",
    "read_values",
    "sender",
    "set_in",
    "set_in_file",
    "set_value",
    "settings",
    "show_value",
    "time_zone",
    "unset_in",
    "unset_in_file",
    "unset_value",
    "write_file",
]
