"""Metaverse Seoul: `python main.py --help` lists the options (see README.md)."""

import sys

from metaverse_seoul import packaged, run_log
from metaverse_seoul.paths import user_data_dir
from metaverse_seoul.world import convert_model

if __name__ == "__main__":
    packaged.prepare()  # a packaged app's own set-up, before anything imports requests
    if sys.argv[1:2] == [convert_model.CHILD_ARG]:  # the packaged app converting a glTF in a child of itself
        sys.exit(convert_model.main(sys.argv[2:]))
    run_log.start(user_data_dir(), sys.argv)  # stderr is copied to a log in the user data folder
    from metaverse_seoul.cli import main
    sys.exit(main())
