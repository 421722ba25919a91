"""PyTorch's side of `deno task bench:report`: one SGD step of the same 784-128-128-10 ReLU MLP.

Started by tests/bench/mlp_rounds.ts with /usr/bin/python3 (Debian's python3-torch) and driven
over stdin/stdout, one JSON object per line, so that its rounds alternate with the Deno engines'
in the same run:

- the first line it reads gives the batches, {"inputs": {"mnist": {"x": [...], "y": [...]},
  "dense": {...}}}, 64 rows of 784 inputs and 64 labels each, the very numbers the Deno engines
  train on; it answers {"torch": version, "threads": 1, "blas": the BLAS library it loaded}.
- then each line {"engine": "float64" | "float32", "input": "mnist" | "dense", "minMs": t} times
  steps until t ms have passed (at least 3 steps) and answers {"msPerStep": ..., "steps": n}.
- an empty line or the end of stdin ends it.

Each (precision, input) pair keeps its own model and optimizer (PyTorch's default initialisation,
seed 0; SGD, lr 0.01), built and warmed up on the first request. One thread, as the Deno engines
have: torch.set_num_threads(1), and the runner sets OMP/MKL/OpenBLAS thread counts to 1 too.
"""

import json
import sys
import time

import torch


def blas_library():
    """The BLAS shared library this process mapped (PyTorch's matrix products call it)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "/" in line}
    except OSError:
        return "unknown"
    names = sorted(p for p in paths if any(s in p.lower() for s in ("blas", "mkl", "blis")))
    return ", ".join(names) or "none found"


def make_step(dtype, x, y):
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Linear(784, 128),
        torch.nn.ReLU(),
        torch.nn.Linear(128, 128),
        torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    ).to(dtype)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt = torch.tensor(x, dtype=dtype).reshape(len(y), 784)
    yt = torch.tensor(y, dtype=torch.long)

    def step():
        opt.zero_grad()
        loss = loss_fn(net(xt), yt)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(5):
        step()
    return step


def main():
    torch.set_num_threads(1)
    setup = json.loads(sys.stdin.readline())
    inputs = setup["inputs"]
    print(
        json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}),
        flush=True,
    )
    steps = {}
    dtypes = {"float64": torch.float64, "float32": torch.float32}
    for line in sys.stdin:
        if not line.strip():
            break
        request = json.loads(line)
        key = (request["engine"], request["input"])
        if key not in steps:
            batch = inputs[request["input"]]
            steps[key] = make_step(dtypes[request["engine"]], batch["x"], batch["y"])
        step = steps[key]
        min_s = request["minMs"] / 1000
        n = 0
        start = time.perf_counter()
        while True:
            step()
            n += 1
            elapsed = time.perf_counter() - start
            if n >= 3 and elapsed >= min_s:
                break
        print(json.dumps({"msPerStep": 1000 * elapsed / n, "steps": n}), flush=True)


if __name__ == "__main__":
    main()
