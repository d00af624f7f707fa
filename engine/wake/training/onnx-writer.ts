/**
 * A minimal ONNX ModelProto encoder for the keyword head (Flatten → Gemm/Relu … → Sigmoid).
 *
 * Hand-written rather than a dependency: the head needs five message types and four operators, and the
 * protobuf wire format for them is ~100 lines, against protobufjs + a vendored onnx.proto to keep in
 * step. Field numbers are onnx.proto3's (onnx/onnx, IR version 7, opset 13). The unit test loads every
 * file written here in onnxruntime-node, which is the check that matters.
 */

class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  private varint(value: number | bigint): void {
    let v = BigInt(value);
    if (v < 0n) v += 1n << 64n; // int64 two's complement, as protobuf encodes negative int64s
    const out: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      out.push(byte);
    } while (v > 0n);
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.length);
    this.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let off = 0;
    for (const p of this.parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
}

const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTR_FLOAT = 1;
const ATTR_INT = 2;

export interface OnnxTensor {
  name: string;
  dims: number[];
  data: Float32Array;
}

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, { int: number } | { float: number }>;
}

export interface OnnxGraph {
  name: string;
  producer: string;
  /** Graph input/output: a name and dims (a string dim is symbolic, e.g. 'batch'). */
  input: { name: string; dims: (number | string)[] };
  output: { name: string; dims: (number | string)[] };
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  /** Free-form key/value pairs stored as ModelProto.metadata_props (phrase, licence, …). */
  metadata?: Record<string, string>;
}

function valueInfo(w: ProtoWriter, v: { name: string; dims: (number | string)[] }): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, FLOAT);
      tensor.message(2, (shape) => {
        for (const d of v.dims)
          shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

/** Encodes a float32 feed-forward graph as ONNX bytes (IR 7, opset 13) that onnxruntime loads. */
export function encodeOnnxModel(g: OnnxGraph): Uint8Array {
  const model = new ProtoWriter();
  model.int(1, 7); // ir_version
  model.string(2, g.producer);
  model.string(3, '1');
  model.message(7, (graph) => {
    g.nodes.forEach((n, i) =>
      graph.message(1, (node) => {
        for (const x of n.inputs) node.string(1, x);
        for (const y of n.outputs) node.string(2, y);
        node.string(3, `${n.op.toLowerCase()}_${i}`);
        node.string(4, n.op);
        for (const [name, value] of Object.entries(n.attributes ?? {}))
          node.message(5, (attr) => {
            attr.string(1, name);
            if ('int' in value) attr.int(3, value.int).int(20, ATTR_INT);
            else attr.float(2, value.float).int(20, ATTR_FLOAT);
          });
      }),
    );
    graph.string(2, g.name);
    for (const t of g.initializers)
      graph.message(5, (tensor) => {
        for (const d of t.dims) tensor.int(1, d);
        tensor.int(2, FLOAT);
        tensor.string(8, t.name);
        // raw_data is little-endian float32, which is what a Float32Array holds on every target we run.
        tensor.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
      });
    graph.message(11, (v) => valueInfo(v, g.input));
    graph.message(12, (v) => valueInfo(v, g.output));
  });
  model.message(8, (opset) => opset.string(1, '').int(2, 13));
  for (const [key, value] of Object.entries(g.metadata ?? {}))
    model.message(14, (kv) => kv.string(1, key).string(2, value));
  return model.finish();
}
