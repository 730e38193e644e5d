"""Entry script of the frozen app: the same `erroranalysis.cli:main` as the installed command.

PyInstaller needs a script, not a console-script entry point; this is it. It
must stay a thin shim so the frozen program is the same program: same
commands, same messages, same exit codes.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # A no-op unless the app (or a library such as pandas) ever starts a
    # worker process: a frozen child must run the worker, not the CLI again.
    multiprocessing.freeze_support()

    from erroranalysis.cli import main

    sys.exit(main())
