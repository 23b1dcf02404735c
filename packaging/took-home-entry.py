"""The frozen app's entry point: the same as ``wellbeing-app``."""

from wellbeing_app.__main__ import main

if __name__ == "__main__":
    main()
