#!/usr/bin/python3
"""Eager PyTorch baseline for bench_hfencoder: a BERT model folder (config.json + model.safetensors, F32) run as
transformers' BertModel computes it in eval mode, returning every layer's attention (output_attentions=True).

transformers and the safetensors package are not installed here, so the file is read with json + numpy and the
modules are written from torch.nn the way modeling_bert writes them (nn.Linear, nn.LayerNorm, view/permute,
matmul, softmax, GELU). Usage:

    bench_hfencoder.py MODEL_DIR TOKENS REPEATS   one batch of REPEATS timed passes after a warm-up
    bench_hfencoder.py MODEL_DIR TOKENS serve     prints {"ready": true, ...} after the warm-up, then for each line
                                                  N read on stdin runs N timed passes; ends at end of input

Each batch prints one JSON line: {"seconds": [wall time of each pass], "cpu_seconds": [this thread's CPU time of
each], "threads": n, "hidden_row0": [8 floats], "layers": n}. At one thread the CPU time is the work itself; the
wall time also holds what other processes on a shared machine took. The server lets bench_hfencoder.cpp alternate
batches of its own passes and of these, so both sides meet the same background load.
"""
import json
import math
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    base = 8 + length
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise SystemExit(f"{path}: {name} is {info['dtype']}; this baseline reads F32 files")
        begin, end = info["data_offsets"]
        array = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=base + begin)
        tensors[name] = torch.from_numpy(array.reshape(info["shape"]).copy())
    return tensors


class SelfAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads, self.head_dim = heads, hidden // heads
        self.query, self.key, self.value = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)

    def split(self, x):  # (B, T, hidden) -> (B, heads, T, d)
        return x.view(x.size(0), x.size(1), self.heads, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        probs = nn.functional.softmax(scores, dim=-1)
        context = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous()
        return context.view(x.size(0), x.size(1), -1), probs


class Layer(nn.Module):
    def __init__(self, hidden, heads, inner, eps):
        super().__init__()
        self.attention = SelfAttention(hidden, heads)
        self.attention_out, self.attention_norm = nn.Linear(hidden, hidden), nn.LayerNorm(hidden, eps=eps)
        self.intermediate, self.output = nn.Linear(hidden, inner), nn.Linear(inner, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x):
        context, probs = self.attention(x)
        a = self.attention_norm(self.attention_out(context) + x)
        return self.output_norm(self.output(nn.functional.gelu(self.intermediate(a))) + a), probs


class Bert(nn.Module):
    def __init__(self, config, weights):
        super().__init__()
        hidden, eps = config["hidden_size"], config.get("layer_norm_eps", 1e-12)
        self.words = nn.Embedding(config["vocab_size"], hidden)
        self.positions = nn.Embedding(config["max_position_embeddings"], hidden)
        self.types = nn.Embedding(config.get("type_vocab_size", 2), hidden)
        self.norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(
            Layer(hidden, config["num_attention_heads"], config["intermediate_size"], eps)
            for _ in range(config["num_hidden_layers"]))
        w = {name[5:] if name.startswith("bert.") else name: t for name, t in weights.items()}
        with torch.no_grad():
            self.words.weight.copy_(w["embeddings.word_embeddings.weight"])
            self.positions.weight.copy_(w["embeddings.position_embeddings.weight"])
            self.types.weight.copy_(w["embeddings.token_type_embeddings.weight"])
            self.norm.weight.copy_(w["embeddings.LayerNorm.weight"])
            self.norm.bias.copy_(w["embeddings.LayerNorm.bias"])
            for i, layer in enumerate(self.layers):
                p = f"encoder.layer.{i}."
                pairs = [(layer.attention.query, "attention.self.query"), (layer.attention.key, "attention.self.key"),
                         (layer.attention.value, "attention.self.value"),
                         (layer.attention_out, "attention.output.dense"),
                         (layer.attention_norm, "attention.output.LayerNorm"),
                         (layer.intermediate, "intermediate.dense"), (layer.output, "output.dense"),
                         (layer.output_norm, "output.LayerNorm")]
                for module, name in pairs:
                    module.weight.copy_(w[p + name + ".weight"])
                    module.bias.copy_(w[p + name + ".bias"])

    def forward(self, ids):  # ids (B, T) -> last hidden (B, T, hidden), attentions: layers x (B, heads, T, T)
        positions = torch.arange(ids.size(1)).unsqueeze(0)
        x = self.words(ids) + self.positions(positions) + self.types(torch.zeros_like(ids))
        x = self.norm(x)
        attentions = []
        for layer in self.layers:
            x, probs = layer(x)
            attentions.append(probs)
        return x, tuple(attentions)


def main():
    folder, tokens = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(1)
    with open(folder + "/config.json") as f:
        config = json.load(f)
    model = Bert(config, read_safetensors(folder + "/model.safetensors")).eval()
    # The same ids as bench_hfencoder.cpp: (i * 7919 + 101) mod vocab.
    ids = torch.tensor([[(i * 7919 + 101) % config["vocab_size"] for i in range(tokens)]])
    with torch.no_grad():
        hidden, attentions = model(ids)  # warm-up

        def batch(repeats):
            seconds, cpu_seconds = [], []
            for _ in range(repeats):
                start, cpu_start = time.perf_counter(), time.thread_time()
                hidden, attentions = model(ids)
                cpu_seconds.append(time.thread_time() - cpu_start)
                seconds.append(time.perf_counter() - start)
            print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "threads": torch.get_num_threads(),
                              "hidden_row0": hidden[0, 0, :8].tolist(), "layers": len(attentions)}), flush=True)

        if sys.argv[3] != "serve":
            batch(int(sys.argv[3]))
            return
        print(json.dumps({"ready": True, "hidden_row0": hidden[0, 0, :8].tolist()}), flush=True)
        for line in sys.stdin:
            batch(int(line))

if __name__ == "__main__":
    main()
