#!/usr/bin/env python3
"""Used by scripts/update-translations: keeps the translation of a string whose source text did not change but
whose context did (code moved from one class to another). carry-translations.py save TS MAP / fill TS MAP."""
import json
import sys
import xml.etree.ElementTree as ET


def translated(ts):
    out = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source")
        tr = message.find("translation")
        if source is None or tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
            continue
        if message.get("numerus") == "yes":
            continue
        if tr.text:
            out.setdefault(source, tr.text)
    return out


def fill(ts, known):
    # Edit the XML as text so lupdate's layout stays as it wrote it.
    text = open(ts, encoding="utf-8").read()
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        tr = message.find("translation")
        source = message.findtext("source")
        if tr is not None and tr.get("type") == "unfinished" and source in known and tr.text in (None, "", known[source]):
            tr.text = known[source]
            del tr.attrib["type"]
            filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
        # ElementTree drops the DOCTYPE line lupdate writes; put it back.
        body = open(ts, encoding="utf-8").read()
        if "<!DOCTYPE TS>" in text and "<!DOCTYPE TS>" not in body:
            body = body.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
            open(ts, "w", encoding="utf-8").write(body)
    print(f"{ts}: {filled} moved strings kept their translation")


if __name__ == "__main__":
    command, ts, store = sys.argv[1:4]
    if command == "save":
        json.dump(translated(ts), open(store, "w", encoding="utf-8"), ensure_ascii=False)
    else:
        fill(ts, json.load(open(store, encoding="utf-8")))
