// The guided tour's steps: the notebook's cells in order (d2l 7.2 and 7.3), each setting the lab up as
// that cell does through the Lab and Training states' own methods, with a sentence on what to look at.
// A step sets everything it relies on (input, kernel, flip, geometry), so the steps work in any order,
// Back included. Leaving the tour keeps the lab as the last step made it.
import { defaultLayerGeometry, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import { NOTEBOOK_SEED } from '../../../core/src/train/experiment.ts';
import { transposeGrid, type Grid } from '../lib/grid.ts';
import { inputPreset } from '../lib/inputPresets.ts';
import { kernelPreset } from '../lib/kernelPresets.ts';
import { defaultSettings } from '../lab/labExperiment.ts';
import { textbookInput, textbookKernel, type Lab } from '../state/Lab.svelte.ts';
import type { Training } from '../state/Training.svelte.ts';

export interface TourStep {
  id: string;
  /** The book's section, as the chapter numbers it. */
  section: string;
  title: string;
  /** The notebook's line this step replays. */
  code: string;
  /** What to look at, in a sentence or two. */
  text: string;
  /** Sets the lab up as the cell does (and for "learning K", starts the run). */
  apply(lab: Lab, training: Training): Promise<void>;
}

/** The book's 7.3 input: 8 x 8 values in [0, 1) (the notebook draws torch.rand; a fixed seed here). */
const randomEight = (): Grid => inputPreset('noise').make(8, 8, NOTEBOOK_SEED);

/** Puts the scene on the lab; a run in progress is paused first, as its experiment is about to change. */
async function setScene(
  lab: Lab,
  training: Training,
  input: Grid,
  kernel: Grid,
  geometry: LayerGeometry = defaultLayerGeometry(),
): Promise<void> {
  if (training.running) await training.pause();
  lab.editInput(input);
  lab.kernel = kernel;
  lab.flip = false;
  lab.geometry = geometry;
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'x',
    section: '7.2.1',
    title: 'The input X',
    code: 'X = torch.ones((6, 8)); X[:, 2:6] = 0',
    text: 'Look at the Input image: six rows of eight pixels, white (1) at the sides and a black (0) stripe in columns 2 to 5.',
    apply: (lab, training) => setScene(lab, training, textbookInput(), textbookKernel()),
  },
  {
    id: 'k',
    section: '7.2.1',
    title: 'The kernel K',
    code: 'K = torch.tensor([[1.0, -1.0]])',
    text: 'The Kernel is 1 × 2: it takes each pixel minus its right-hand neighbour, so it answers only where the value changes from left to right.',
    apply: (lab, training) => setScene(lab, training, textbookInput(), textbookKernel()),
  },
  {
    id: 'y',
    section: '7.2.1',
    title: 'Y = X ⋆ K',
    code: 'Y = corr2d(X, K)',
    text: 'The Feature map is 1 where white turns black (column 1), −1 where black turns white (column 5), and 0 elsewhere. Point at an output cell to see the window it reads.',
    apply: (lab, training) => setScene(lab, training, textbookInput(), textbookKernel()),
  },
  {
    id: 'xt',
    section: '7.2.1',
    title: 'X transposed',
    code: 'corr2d(X.t(), K)',
    text: 'The stripes now run across the 8 × 6 input, and the Feature map is all zeros: this kernel sees only vertical edges.',
    apply: (lab, training) => setScene(lab, training, transposeGrid(textbookInput()), textbookKernel()),
  },
  {
    id: 'learn',
    section: '7.2.4',
    title: 'Learning K',
    code: 'conv2d = nn.LazyConv2d(1, kernel_size=(1, 2), bias=False)',
    text: "From X and Y alone, ten steps of gradient descent from the book's start learn the kernel: watch the Loss chart fall and the Learned kernel approach [1, −1], with the numbers the book prints.",
    apply: async (lab, training) => {
      await setScene(lab, training, textbookInput(), textbookKernel());
      // The book's run: its start, learning rate, epochs and loss (the Start setting says where the start comes from).
      training.settings = defaultSettings();
      await training.reset();
      void training.train();
    },
  },
  {
    id: 'padding',
    section: '7.3.1',
    title: 'Padding that keeps 8 × 8',
    code: 'conv2d = nn.LazyConv2d(1, kernel_size=3, padding=1)',
    text: 'An 8 × 8 input, a 3 × 3 kernel and one cell of zero padding on every side: the Feature map keeps the input’s 8 × 8, and the Output shape fills in the formula that says why.',
    apply: (lab, training) =>
      setScene(lab, training, randomEight(), kernelPreset('box-blur').make(0), {
        ...defaultLayerGeometry(),
        padding: [1, 1],
      }),
  },
];
