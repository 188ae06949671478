#!/usr/bin/env python3
"""The same coreference Transformer in Python PyTorch, to compare with `attend` in C++ (bench_coref_attend).

Loads models/coref-en-fr (config.json, model.safetensors, vocabularies) without the safetensors package, runs
greedy translation plus one teacher-forced pass that returns every attention map (what `attend` does), prints
the translation and the referent head's weights (to compare with `attnscope-cli attend`), and times it on one
thread. Needs Debian's python3-torch (apt-get install python3-torch; run it with /usr/bin/python3).

    /usr/bin/python3 scripts/bench_coref_python.py models/coref-en-fr [--repeat 200] [--cached]

--cached runs the C++ fast path's algorithm (incremental decoder with cached keys and values) instead.
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import torch

DTYPES = {"F32": torch.float32}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(body[begin:end]), dtype=DTYPES[info["dtype"]])
        tensors[name] = t.reshape(info["shape"])
    return tensors


class Model:
    def __init__(self, folder):
        self.cfg = json.load(open(os.path.join(folder, "config.json")))
        self.w = read_safetensors(os.path.join(folder, "model.safetensors"))
        self.src_vocab = open(os.path.join(folder, "source.vocab"), encoding="utf-8").read().split("\n")[:-1]
        self.tgt_vocab = open(os.path.join(folder, "target.vocab"), encoding="utf-8").read().split("\n")[:-1]
        self.src_ids = {w: i for i, w in enumerate(self.src_vocab)}
        d = self.cfg["d_model"]
        n = max(self.cfg["max_source_length"], self.cfg["max_target_length"]) + 2
        pos = torch.arange(n, dtype=torch.float32).unsqueeze(1)
        div = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
        self.pe = torch.zeros(n, d)
        self.pe[:, 0::2] = torch.sin(pos * div)
        self.pe[:, 1::2] = torch.cos(pos * div)

    def ln(self, x, p):
        return torch.nn.functional.layer_norm(x, (x.shape[-1],), self.w[p + ".weight"], self.w[p + ".bias"])

    def lin(self, x, p):
        return torch.nn.functional.linear(x, self.w[p + ".weight"], self.w[p + ".bias"])

    def mha(self, q, kv, p, causal):
        # q: (Tq, d), kv: (Tk, d) -> (Tq, d), weights (H, Tq, Tk)
        H = self.cfg["heads"]
        d = q.shape[-1]
        hd = d // H
        wq, wk, wv = self.w[p + ".in_proj_weight"].chunk(3)
        bq, bk, bv = self.w[p + ".in_proj_bias"].chunk(3)
        Q = torch.nn.functional.linear(q, wq, bq).view(-1, H, hd).transpose(0, 1) / math.sqrt(hd)
        K = torch.nn.functional.linear(kv, wk, bk).view(-1, H, hd).transpose(0, 1)
        V = torch.nn.functional.linear(kv, wv, bv).view(-1, H, hd).transpose(0, 1)
        s = Q @ K.transpose(-2, -1)
        if causal:
            s = s.masked_fill(torch.ones(s.shape[-2:], dtype=torch.bool).triu(1), float("-inf"))
        a = torch.softmax(s, -1)
        return self.lin((a @ V).transpose(0, 1).reshape(-1, d), p + ".out_proj"), a

    def embed(self, table, ids):
        return self.w[table + ".weight"][ids] * math.sqrt(self.cfg["d_model"]) + self.pe[: len(ids)]

    def encode(self, ids, maps):
        x = self.embed("src_embed", ids)
        for l in range(self.cfg["encoder_layers"]):
            p = f"encoder.{l}."
            a, w = self.mha(self.ln(x, p + "norm1"), self.ln(x, p + "norm1"), p + "self_attn", False)
            maps.append(w)
            x = x + a
            x = x + self.lin(torch.relu(self.lin(self.ln(x, p + "norm2"), p + "ff1")), p + "ff2")
        return self.ln(x, "encoder_norm")

    def decode(self, ids, memory, self_maps, cross_maps):
        y = self.embed("tgt_embed", ids)
        for l in range(self.cfg["decoder_layers"]):
            p = f"decoder.{l}."
            h = self.ln(y, p + "norm1")
            a, sw = self.mha(h, h, p + "self_attn", True)
            y = y + a
            a, cw = self.mha(self.ln(y, p + "norm2"), memory, p + "cross_attn", False)
            y = y + a
            y = y + self.lin(torch.relu(self.lin(self.ln(y, p + "norm3"), p + "ff1")), p + "ff2")
            self_maps.append(sw)
            cross_maps.append(cw)
        return self.lin(self.ln(y, "decoder_norm"), "generator")

    def attend(self, words):
        # greedy translation, then one pass that captures every map (as CorefModel::attend does)
        with torch.no_grad():
            src = torch.tensor([self.src_ids.get(w, 1) for w in words])
            memory = self.encode(src, [])
            out = [2]
            for _ in range(self.cfg["max_target_length"]):
                nxt = int(self.decode(torch.tensor(out), memory, [], [])[-1].argmax())
                if nxt == 3:
                    break
                out.append(nxt)
            enc, dec, cross = [], [], []
            memory = self.encode(src, enc)
            if len(out) > 1:
                self.decode(torch.tensor(out[:-1]), memory, dec, cross)
            return [self.tgt_vocab[i] for i in out[1:]], enc, dec, cross


class CachedModel(Model):
    """The incremental decoder of the C++ fast path (eigentransformer.cpp) in PyTorch: each greedy step runs only
    the new position, with the decoder self-attention keys/values cached and the memory's cross-attention
    keys/values computed once; the maps come from the steps themselves (no second pass)."""

    def heads(self, x):
        # (T, d) -> (H, T, hd)
        return x.view(x.shape[0], self.cfg["heads"], -1).transpose(0, 1)

    def step_attention(self, q, k, v, p):
        # q: (1, d) projected, k, v: (H, Tk, hd) -> (1, d) after out_proj, weights (H, 1, Tk)
        a = torch.softmax(self.heads(q) / math.sqrt(k.shape[-1]) @ k.transpose(-2, -1), -1)
        return self.lin((a @ v).transpose(0, 1).reshape(1, -1), p + ".out_proj"), a

    def attend(self, words):
        d, L = self.cfg["d_model"], self.cfg["decoder_layers"]
        with torch.no_grad():
            src = torch.tensor([self.src_ids.get(w, 1) for w in words])
            enc = []
            memory = self.encode(src, enc)
            cross_kv, self_k, self_v = [], [None] * L, [None] * L
            for l in range(L):
                p = f"decoder.{l}.cross_attn."
                k, v = torch.nn.functional.linear(memory, self.w[p + "in_proj_weight"][d:],
                                                  self.w[p + "in_proj_bias"][d:]).chunk(2, -1)
                cross_kv.append((self.heads(k), self.heads(v)))
            self_rows, cross_rows = [[] for _ in range(L)], [[] for _ in range(L)]
            out, token = [], 2
            for t in range(self.cfg["max_target_length"]):
                y = self.w["tgt_embed.weight"][token:token + 1] * math.sqrt(d) + self.pe[t:t + 1]
                for l in range(L):
                    p = f"decoder.{l}."
                    q, k, v = torch.nn.functional.linear(self.ln(y, p + "norm1"), self.w[p + "self_attn.in_proj_weight"],
                                                         self.w[p + "self_attn.in_proj_bias"]).chunk(3, -1)
                    k, v = self.heads(k), self.heads(v)
                    self_k[l] = k if t == 0 else torch.cat([self_k[l], k], 1)
                    self_v[l] = v if t == 0 else torch.cat([self_v[l], v], 1)
                    a, w = self.step_attention(q, self_k[l], self_v[l], p + "self_attn")
                    y = y + a
                    self_rows[l].append(w)
                    q = torch.nn.functional.linear(self.ln(y, p + "norm2"), self.w[p + "cross_attn.in_proj_weight"][:d],
                                                   self.w[p + "cross_attn.in_proj_bias"][:d])
                    a, w = self.step_attention(q, *cross_kv[l], p + "cross_attn")
                    y = y + a
                    cross_rows[l].append(w)
                    y = y + self.lin(torch.relu(self.lin(self.ln(y, p + "norm3"), p + "ff1")), p + "ff2")
                nxt = int(self.lin(self.ln(y, "decoder_norm"), "generator").argmax())
                if nxt == 3:
                    break
                out.append(nxt)
                token = nxt
            T = len(out)
            # (H, T, T) with the causal zeros, and (H, T, S), from the rows of the steps that emitted the tokens
            dec = [torch.cat([torch.nn.functional.pad(r, (0, T - r.shape[-1])) for r in rows[:T]], 1)
                   for rows in self_rows] if T else []
            cross = [torch.cat(rows[:T], 1) for rows in cross_rows] if T else []
            return [self.tgt_vocab[i] for i in out], enc, dec, cross


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--cached", action="store_true",
                    help="incremental decoder with cached keys/values (the C++ fast path's algorithm)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    m = (CachedModel if args.cached else Model)(args.model)
    words = "the animal didn't cross the street because it was too tired .".split()
    target, enc, _, _ = m.attend(words)
    head = m.cfg.get("referent_head", {})
    row = enc[head.get("layer", 0)][head.get("head", 0)][7]
    print("translation:", " ".join(target))
    print(f"referent head it -> animal {float(row[1]):.3f}, street {float(row[5]):.3f}")
    for _ in range(10):
        m.attend(words)
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(args.repeat):
        m.attend(words)
    wall = (time.perf_counter() - t0) / args.repeat * 1000
    cpu = (time.process_time() - c0) / args.repeat * 1000
    kind = "incremental decoder" if args.cached else "full recompute"
    print(f"python attend ({kind}, greedy + all maps, 1 thread): {wall:.2f} ms wall, {cpu:.2f} ms CPU per call")


if __name__ == "__main__":
    sys.exit(main())
