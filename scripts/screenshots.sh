#!/bin/bash
# Takes the screenshots in docs/screenshots/ from the built app, in Chinese, under Xvfb.
#
#   scripts/screenshots.sh            (after scripts/run.sh or scripts/test.sh has built the app)
#
# Needs xvfb-run, xdotool, xwd (x11-apps) and convert (imagemagick): a documentation tool, not a
# build dependency, so it only says what is missing. The project shown is the bundled sample
# part-way through its year (scripts/make_demo_project.py, ~3 minutes the first time). Each
# window is grabbed by its own id: without a window manager, `xwd -root` shows dialogs black.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/bin
out=$root/docs/screenshots
work=$root/build/screenshots
for tool in xvfb-run xdotool xwd convert; do
    command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is missing (apt-get install xvfb xdotool x11-apps imagemagick)" >&2; exit 1; }
done
[ -x "$bin/gengbao" ] || { echo "screenshots.sh: build the app first (scripts/run.sh)" >&2; exit 1; }
mkdir -p "$out" "$work"
demo=$work/demo.gpkg
[ -f "$demo" ] || python3 "$root/scripts/make_demo_project.py" "$bin/gengbao-cli" "$demo"

# shot NAME WINDOW-TITLE STEPS...: starts the app on a fresh copy of the demo, runs the xdotool
# steps (one string each, run with `xdotool`), then grabs the newest window titled WINDOW-TITLE.
shot() {
    local name=$1 title=$2
    shift 2
    cp "$demo" "$work/shot.gpkg"
    local steps=""
    for step in "$@"; do steps="$steps xdotool $step; sleep 1.5;"; done
    xvfb-run -a -s "-screen 0 ${GEOMETRY:-1280x800x24}" bash -c "
        export GENGBAO_TODAY=2023-10-31 QT_SCALE_FACTOR=${SCALE:-1}
        '$bin/gengbao' '$work/shot.gpkg' & pid=\$!
        sleep 8
        xdotool windowfocus \$(xdotool search --name 耕保 | tail -1)
        $steps
        sleep 2
        id=\$(xdotool search --name '$title' | tail -1)
        xwd -id \$id -silent | convert xwd:- '$out/$name.png'
        kill \$pid" 2>&1 | grep -v XDG_RUNTIME || true
    echo "docs/screenshots/$name.png"
}

# Tab positions of the Chinese window at 1280x800 (the parcels tab has its filter bar above the
# tabs; the others do not).
shot main-window 耕保 "mousemove 200 112 click 1"
shot map 耕保 "mousemove 70 66 click 1"
shot village-tasks 耕保 "mousemove 129 66 click 1"
shot progress 耕保 "mousemove 187 66 click 1"
shot payouts 耕保 "mousemove 246 66 click 1"
shot import-dialog 导入潜力图斑 "key ctrl+i" "key alt+a" \
    "type --delay 20 $root/data/sample/potential_2023.shp" "key Return"
shot plan-dialog 工作方案 "mousemove 85 11 click 1" "mousemove 120 80 click 1"
shot screening-dialog 筛查 "mousemove 140 11 click 1" "mousemove 175 58 click 1"
SCALE=2 GEOMETRY=2560x1600x24 shot map-200 耕保 "mousemove 140 132 click 1"
