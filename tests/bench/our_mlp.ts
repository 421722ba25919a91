/**
 * The course engine's side of the MLP-step benchmarks, and the two batches every engine trains
 * on: 64 real MNIST digits (80 % of their pixels are zero, which the kernels skip) and 64 rows of
 * dense uniform random inputs with the same labels (where skipping gains nothing).
 *
 * @module
 */

import {
  batchOf,
  loadMnist,
  type MatmulBackend,
  MLP,
  Rng,
  setMatmulBackend,
  SGD,
  Tensor,
} from "../../lib/mod.ts";

/** One batch: 64 × 784 inputs and 64 labels. */
export interface Batch {
  x: Tensor;
  y: Int32Array;
}

/** The MNIST batch (the first 64 training digits of a fixed split) and the dense one. */
export async function mlpBatches(): Promise<{ mnist: Batch; dense: Batch }> {
  const { train } = await loadMnist({ count: 1000, validation: 0.1, seed: 7 });
  const mnist = batchOf(train, Int32Array.from({ length: 64 }, (_, i) => i));
  const dense = new Tensor(new Rng(3).fillUniform(new Float64Array(64 * 784)), [64, 784]);
  return { mnist, dense: { x: dense, y: mnist.y } };
}

/**
 * One SGD step (lr 0.01) of the course's 784-128-128-10 ReLU MLP on a fixed batch, with the
 * matrix products of `backend`: zero the gradients, forward, softmax cross-entropy, backward,
 * update. Returns the loss.
 */
export function makeOurStep({ x, y }: Batch, backend: MatmulBackend): () => number {
  const net = new MLP([784, 128, 128, 10], { activation: "relu", init: "he", seed: 1 });
  const opt = new SGD(net.parameters(), { lr: 0.01 });
  return () => {
    const before = setMatmulBackend(backend);
    try {
      opt.zeroGrad();
      const loss = net.forward(x).crossEntropy(y);
      loss.backward();
      opt.step();
      return loss.item();
    } finally {
      setMatmulBackend(before);
    }
  };
}
