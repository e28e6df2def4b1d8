// The layer stack the user edits (one row per layer), as the explain module's layer specs.
import type { LayerSpec } from '../../../../core/src/explain/index.ts';

export type LayerKind = 'conv' | 'maxPool' | 'avgPool';

export interface EditableLayer {
  kind: LayerKind;
  /** Kernel (conv) or window (pooling) size, square. */
  size: number;
  stride: number;
  padding: number;
}

/** Convolution, pooling, convolution: the chapter's LeNet-like pattern. */
export const defaultStack = (): EditableLayer[] => [
  { kind: 'conv', size: 3, stride: 1, padding: 1 },
  { kind: 'maxPool', size: 2, stride: 2, padding: 0 },
  { kind: 'conv', size: 3, stride: 1, padding: 0 },
];

export const LAYER_KIND_LABELS: Record<LayerKind, string> = {
  conv: 'Convolution',
  maxPool: 'Max pooling',
  avgPool: 'Average pooling',
};

export function toLayerSpecs(layers: readonly EditableLayer[]): LayerSpec[] {
  return layers.map((l, i): LayerSpec => {
    const name = `layer ${i + 1}`;
    return l.kind === 'conv'
      ? { kind: 'conv', kernel: l.size, stride: l.stride, padding: l.padding, name }
      : { kind: l.kind, window: l.size, stride: l.stride, padding: l.padding, name };
  });
}
