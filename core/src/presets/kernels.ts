// Named kernels for the CLI's --kernel and the lab's preset menu: the textbook's [1, -1] edge detector
// and the classic image filters, as rows of numbers (a single channel kh x kw kernel).

export interface NamedKernel {
  name: string;
  label: string;
  rows: number[][];
}

const preset = (name: string, label: string, rows: number[][]): NamedKernel => ({ name, label, rows });

export const NAMED_KERNELS: readonly NamedKernel[] = [
  preset('edge', 'Textbook edge [1, -1]', [[1, -1]]),
  preset('edge-t', 'Textbook edge, transposed', [[1], [-1]]),
  preset('sobel-x', 'Sobel x', [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ]),
  preset('sobel-y', 'Sobel y', [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ]),
  preset('prewitt-x', 'Prewitt x', [
    [-1, 0, 1],
    [-1, 0, 1],
    [-1, 0, 1],
  ]),
  preset('prewitt-y', 'Prewitt y', [
    [-1, -1, -1],
    [0, 0, 0],
    [1, 1, 1],
  ]),
  preset('laplacian', 'Laplacian', [
    [0, 1, 0],
    [1, -4, 1],
    [0, 1, 0],
  ]),
  preset('box-blur', 'Box blur', [
    [1 / 9, 1 / 9, 1 / 9],
    [1 / 9, 1 / 9, 1 / 9],
    [1 / 9, 1 / 9, 1 / 9],
  ]),
  preset('gaussian-blur', 'Gaussian blur', [
    [1 / 16, 2 / 16, 1 / 16],
    [2 / 16, 4 / 16, 2 / 16],
    [1 / 16, 2 / 16, 1 / 16],
  ]),
  preset('sharpen', 'Sharpen', [
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ]),
  preset('emboss', 'Emboss', [
    [-2, -1, 0],
    [-1, 1, 1],
    [0, 1, 2],
  ]),
  preset('identity', 'Identity', [
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
  ]),
  preset('diagonal', 'Diagonal edge', [
    [1, 0],
    [0, -1],
  ]),
  preset('anti-diagonal', 'Anti-diagonal edge', [
    [0, 1],
    [-1, 0],
  ]),
  preset('second-derivative', 'Second derivative [1, -2, 1]', [[1, -2, 1]]),
];

export function namedKernelNames(): string[] {
  return NAMED_KERNELS.map((p) => p.name);
}

/** The preset called `name`, or undefined. */
export function findNamedKernel(name: string): NamedKernel | undefined {
  return NAMED_KERNELS.find((p) => p.name === name);
}

/** The derivative along the direction (cos a, sin a): Sobel x and Sobel y mixed by the angle in degrees. */
export function directionalDerivative(angleDegrees: number): number[][] {
  const a = (angleDegrees * Math.PI) / 180;
  const sobelX = findNamedKernel('sobel-x')?.rows ?? [];
  const sobelY = findNamedKernel('sobel-y')?.rows ?? [];
  return sobelX.map((row, r) => row.map((v, c) => Math.cos(a) * v + Math.sin(a) * sobelY[r][c]));
}
