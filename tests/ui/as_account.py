"""Start the real `intake` entry point as if the process ran as another OS account.

`python -m tests.ui.as_account ACCOUNT ARGS...`: the desk's identity
(`storage.identity.os_account`, the one place it is read) is ACCOUNT, so that the desk lock
checks ACCOUNT's password through the real PAM (the tmux lock test makes a throwaway account
with a known password; root may check any account's password).
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    account, *args = sys.argv[1:]
    import storage.identity

    storage.identity.os_account = lambda: account
    from intake.cli import main

    sys.exit(main(args))
