#!/bin/sh
# Fails when a user-visible string of the app has no finished Chinese translation: runs lupdate
# over the sources into a copy of the committed .ts, then looks for unfinished messages.
set -eu
source_dir=$1
lupdate=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$source_dir/resources/translations/gengbao_zh_CN.ts" "$work/check.ts"
sources=""
for folder in src/app src/report ui; do
    [ -d "$source_dir/$folder" ] && sources="$sources $source_dir/$folder"
done
# shellcheck disable=SC2086
"$lupdate" -silent -no-obsolete -locations none $sources -ts "$work/check.ts"
if grep -q 'type="unfinished"' "$work/check.ts"; then
    echo "untranslated (run scripts/translate_zh.py after adding them there):"
    grep -B2 'type="unfinished"' "$work/check.ts" | sed -n 's/.*<source>\(.*\)<\/source>.*/  \1/p'
    exit 1
fi
echo "zh_CN translation complete"
