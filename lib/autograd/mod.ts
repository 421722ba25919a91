/**
 * The scalar and tensor autograd engines.
 *
 * @module
 */

export { type Edge, type Scalar, Value, type ValueOptions } from "./value.ts";
export { isGradEnabled, type NestedArray, noGrad, Tensor } from "./tensor.ts";
export { matmulAdd, matmulAddAt, matmulAddBt } from "./matmul.ts";
export {
  type MatmulBackend,
  matmulBackend,
  type MatmulKernels,
  setMatmulBackend,
} from "./matmul_backend.ts";
export { topologicalOrder } from "./topological_order.ts";
