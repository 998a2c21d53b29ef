"""The controller as a process, for the tests that stop, kill and start it: `../pvsnet` and the Karaf JVM."""
import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PVSNET = os.path.join(HERE, "..", "pvsnet")
KARAF = os.path.join(os.path.abspath(os.environ.get("PVSNET_RUN", os.path.join(HERE, "..", ".run"))), "karaf")
LOG = os.path.join(KARAF, "data", "log", "karaf.log")


def pvsnet(*args):
    """Run ../pvsnet; return how long it took. Not captured: the controller that `start` launches outlives it."""
    start = time.monotonic()
    subprocess.run([PVSNET, *args], check=True, timeout=400, stdin=subprocess.DEVNULL)
    return time.monotonic() - start


def controller_pid():
    """The controller's JVM, or None."""
    out = subprocess.run(["pgrep", "-f", f"java.*karaf.base={KARAF}"], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None
