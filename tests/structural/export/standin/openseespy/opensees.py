# -*- coding: utf-8 -*-
"""Stand-in for openseespy.opensees used by the export tests (OpenSees cannot be installed here).

Every call ops.<command>(*args) is appended as one JSON line {"cmd": ..., "args": [...]} to the file
named by the OPS_RECORD environment variable, so a test can rebuild the model from the commands
with OpenSees' documented semantics. Queries answer harmless values (analyze: 0, nodeDisp: zeros).
"""
import json
import os

_PATH = os.environ.get("OPS_RECORD")


def _record(cmd, args):
    if _PATH:
        with open(_PATH, "a", encoding="utf-8") as f:
            f.write(json.dumps({"cmd": cmd, "args": list(args)}) + "\n")


def _command(name):
    def call(*args):
        _record(name, args)
        if name == "nodeDisp":
            return [0.0] * 6
        return 0
    return call


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return _command(name)
