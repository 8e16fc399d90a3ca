"""Make sure Debian's chromium is installed for the HTML report's browser test (tox runs this
before the tests). As root with apt-get (CI, a fresh Debian/Ubuntu container) it installs the
package; otherwise it says what to install, and the browser test fails with the same hint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def main() -> int:
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        return 0
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"], check=True, env=env)
        return 0
    print("ensure_chromium: chromium is not installed and this is not root: install Debian's `chromium` package "
          "for the HTML report's browser test", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
