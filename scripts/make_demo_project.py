#!/usr/bin/env python3
"""Writes a demo project for the screenshots in docs/: the bundled sample part-way through its year.

usage: make_demo_project.py GENGBAO_CLI OUT.gpkg

Every step goes through gengbao-cli (`sample`, `advance`), so the demo holds nothing a user could
not do. Parcels are taken village by village in fid order; the dates follow the 峨溶镇 2023 plan
(selection by 4-20, planting by 7-20, evidence by 10-21, approval by 11-30).
"""
import json
import os
import subprocess
import sys

STEPS = [("selected", "2023-04-19"), ("restoring", "2023-05-10"), ("planted", "2023-07-12"),
         ("evidence_submitted", "2023-09-20"), ("verified", "2023-10-10"),
         ("approved", "2023-10-30")]
# How far each village's first parcels get: (share of its eligible parcels, last step index).
PLAN = {0: [(0.45, 5), (0.25, 3), (0.2, 0)], 1: [(0.3, 5), (0.3, 2)], 2: [(0.2, 4), (0.4, 1)],
        3: [(0.5, 5)], 4: [(0.6, 3)], 5: [(0.4, 5), (0.3, 0)], 6: [(0.5, 2)], 7: [(0.3, 5)]}


def main() -> int:
    cli, out = sys.argv[1], sys.argv[2]
    env = dict(os.environ, GENGBAO_TODAY="2023-10-31", GENGBAO_USER="规建办")
    if os.path.exists(out):
        os.remove(out)
    subprocess.run([cli, "sample", out], check=True, env=env, stdout=subprocess.DEVNULL)
    rows = json.loads(subprocess.run([cli, "export", out, "parcels", "--format", "json"],
                                     check=True, env=env, capture_output=True).stdout)
    villages = sorted({r["village_code"] for r in rows if r.get("village_code")})
    for index, code in enumerate(villages):
        eligible = [r["id"] for r in rows if r.get("village_code") == code and r.get("eligible")]
        start = 0
        for share, last in PLAN.get(index, []):
            count = round(len(eligible) * share)
            for parcel in eligible[start:start + count]:
                for stage, date in STEPS[:last + 1]:
                    subprocess.run([cli, "advance", out, parcel, stage, "--date", date,
                                    "--doc", "峨耕恢〔2023〕" + date[5:7] + "号"],
                                   check=True, env=env, stdout=subprocess.DEVNULL)
            start += count
    return 0


if __name__ == "__main__":
    sys.exit(main())
