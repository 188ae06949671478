#!/usr/bin/python3
"""BertViz's JSON encoding against AttentionScope's open-to-first-view, on the same attention (issue 18).

BertViz (head_view / model_view) turns the attention tensor into nested lists (`format_attention(...).tolist()`)
and embeds `json.dumps(params)` in the notebook page; that encoding is reproduced here with numpy standing in for
torch (`.tolist()` of float32 gives the same Python floats), without the browser's own parsing and drawing.
AttentionScope's time is `attnscope-cli render --attention FILE.npy --view matrix` from process start to the PNG
written, with the file's pages dropped from the page cache first. 12 layers x 12 heads at 128, 512 and 2,048 tokens.

At 2,048 tokens the nested lists of all 144 heads would take about 20 GB: BertViz's encoding is measured on one
layer (12 heads) and multiplied by 12 (json.dumps is linear in the number of values); the table says so.

    /usr/bin/python3 tests/bench/bertviz_compare.py [--cli build/src/app/attnscope-cli] [--dir /tmp]
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

LAYERS, HEADS = 12, 12


def softmax_rows(rng, shape):
    x = rng.standard_normal(shape, dtype=np.float32) * 2.0
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


def write_npy(path, tokens, rng):
    """Writes 12 x 12 x T x T float32 softmax rows layer by layer (never the whole array in memory twice)."""
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(LAYERS, HEADS, tokens, tokens))
    for layer in range(LAYERS):
        out[layer] = softmax_rows(rng, (HEADS, tokens, tokens))
    out.flush()
    del out
    with open(path[:-4] + ".tokens.txt", "w") as f:
        f.write("\n".join(f"tok{i}" for i in range(tokens)) + "\n")


def bertviz_encode(attention, tokens):
    """head_view's payload: {'attention': {'all': {'attn': L x H x T x T lists, 'left_text', 'right_text'}}, ...}."""
    start = time.perf_counter()
    attn_data = {"all": {"attn": attention.tolist(), "left_text": tokens, "right_text": tokens}}
    params = {"attention": attn_data, "default_filter": "all", "root_div_id": "bertviz-0", "layer": None,
              "heads": None, "include_layers": list(range(attention.shape[0]))}
    text = json.dumps(params)
    return time.perf_counter() - start, len(text)


def attnscope_first_view(cli, path, out_png):
    fd = os.open(path, os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([cli, "render", "--attention", path, "--view", "matrix", "--layer", "0", "--head", "0",
                    "--out", out_png], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", default=os.path.join(here, "..", "..", "build", "src", "app", "attnscope-cli"))
    parser.add_argument("--dir", default="/tmp")
    parser.add_argument("--tokens", type=int, nargs="*", default=[128, 512, 2048])
    args = parser.parse_args()
    rng = np.random.default_rng(18)
    rows = []
    for tokens in args.tokens:
        path = os.path.join(args.dir, f"bertviz-compare-{tokens}.npy")
        write_npy(path, tokens, rng)
        labels = [f"tok{i}" for i in range(tokens)]
        attention = np.load(path, mmap_mode="r")
        whole = tokens <= 512
        part = attention if whole else np.asarray(attention[:1])
        seconds, size = bertviz_encode(np.asarray(part), labels)
        if not whole:
            seconds, size = seconds * LAYERS, size * LAYERS
        del attention, part
        ours = min(attnscope_first_view(args.cli, path, os.path.join(args.dir, "bertviz-compare.png"))
                   for _ in range(3))
        rows.append((tokens, size / 1e6, seconds, "measured" if whole else "1 of 12 layers x 12", ours))
        os.remove(path)
        os.remove(path[:-4] + ".tokens.txt")
        print(f"{tokens:>6} tokens: BertViz JSON {size / 1e6:9.1f} MB in {seconds:8.2f} s "
              f"({rows[-1][3]}); AttentionScope open to first matrix {ours:6.3f} s; ratio {seconds / ours:8.1f}x",
              flush=True)
    print("\n| tokens | BertViz JSON | BertViz encode | how | AttentionScope open to first view | ratio |")
    print("|---|---|---|---|---|---|")
    for tokens, mb, seconds, how, ours in rows:
        print(f"| {tokens} | {mb:.0f} MB | {seconds:.2f} s | {how} | {ours:.3f} s | {seconds / ours:.0f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
