// LenetTrainerService.load: a saved model (the lab's import and its stored model) replaces the
// weights and the history, predicts as the network that saved it did, and a refused one changes nothing.
import { describe, expect, it } from 'vitest';
import type { LenetRunConfig } from '../../../core/src/lenet/config.ts';
import { LenetTrainerService } from '../../../core/src/worker/lenetService.ts';
import { encodeIdxImages, encodeIdxLabels } from '../../../core/src/data/idx.ts';
import { parseLenetModel } from '../../../core/src/formats/lenetModel.ts';
import { lenetData } from '../lenet/fixtures.ts';

const SMALL: Partial<LenetRunConfig> = {
  epochs: 1,
  batchSize: 20,
  trainSize: 60,
  seed: 3,
  activation: 'relu',
};

describe('LenetTrainerService.load', () => {
  it('a trained model loaded into a fresh service predicts and evaluates exactly as the trained one', async () => {
    const data = lenetData(50);
    const trained = new LenetTrainerService();
    await trained.configure(SMALL, data);
    await trained.run();
    const model = await trained.model();

    const fresh = new LenetTrainerService();
    await fresh.configure({ ...SMALL, seed: 99 }, data);
    const image = data.test.images.slice(0, 784);
    expect(await fresh.predict(image)).not.toEqual(await trained.predict(image));
    const state = await fresh.load(model);
    expect(state.epoch).toBe(1);
    expect(state.history.map((h) => h.testAcc)).toEqual(model.training.history.map((h) => h.testAcc));
    expect(await fresh.predict(image)).toEqual(await trained.predict(image));
    expect(await fresh.evaluate()).toEqual(await trained.evaluate());
    expect((await fresh.model()).stateDict).toEqual(model.stateDict);
  });

  it('throws when the model is for the other activation, and keeps the weights', async () => {
    const data = lenetData(20);
    const service = new LenetTrainerService();
    await service.configure(SMALL, data);
    const before = await service.model();
    const other = { ...before, activation: 'sigmoid' as const };
    await expect(service.load(other)).rejects.toThrow(
      'lenet.load: the model is for the sigmoid network but the run is configured for relu',
    );
    const wrongShape = {
      ...before,
      stateDict: { ...before.stateDict, '0.bias': { shape: [5], data: new Float32Array(5) } },
    };
    await expect(service.load(wrongShape)).rejects.toThrow('0.bias has shape');
    expect((await service.model()).stateDict).toEqual(before.stateDict);
  });
});

describe('LenetTrainerService.modelFile and readModelFile', () => {
  it('the model file text reads back as the same weights, activation and history', async () => {
    const service = new LenetTrainerService();
    await service.configure(SMALL, lenetData(20));
    await service.run();
    const text = await service.modelFile({ name: 'ConvLab', version: 'test' });
    const file = parseLenetModel(text);
    expect(file.app).toEqual({ name: 'ConvLab', version: 'test' });
    const read = await service.readModelFile(text);
    const model = await service.model();
    expect(read.activation).toBe('relu');
    expect(read.stateDict).toEqual(model.stateDict);
    expect(read.training).toEqual(model.training);
  });

  it('readModelFile refuses a file in parseLenetModel’s one line', async () => {
    const service = new LenetTrainerService();
    await expect(service.readModelFile('{"format":"convlab-lenet"}')).rejects.toThrow(/^lenet model: /);
  });
});

describe('LenetTrainerService.loadData', () => {
  it('decodes the idx bytes once; configure without data trains on them, exactly as when passed the data', async () => {
    const { train, test } = lenetData(30);
    const toBytes = (set: typeof train) => ({
      images: encodeIdxImages({
        count: set.count,
        rows: 28,
        cols: 28,
        pixels: Uint8Array.from(set.images, (v) => Math.round(v * 255)),
      }),
      labels: encodeIdxLabels(set.labels),
    });
    const trainBytes = toBytes(train);
    const testBytes = toBytes(test);
    const fromBytes = new LenetTrainerService();
    expect(
      await fromBytes.loadData({
        trainImages: trainBytes.images,
        trainLabels: trainBytes.labels,
        testImages: testBytes.images,
        testLabels: testBytes.labels,
      }),
    ).toEqual({ trainCount: train.count, testCount: 30 });
    await fromBytes.configure(SMALL);
    const direct = new LenetTrainerService();
    await direct.configure(SMALL, { train, test });
    const a = await fromBytes.run();
    const b = await direct.run();
    expect(a.state.history.map((h) => h.testAcc)).toEqual(b.state.history.map((h) => h.testAcc));
    expect((await fromBytes.model()).stateDict).toEqual((await direct.model()).stateDict);
    // A second configure with other settings reuses the data.
    const state = await fromBytes.configure({ ...SMALL, trainSize: 40 });
    expect(state.trainCount).toBe(40);
  });

  it('throws when configure has no data and none was loaded', async () => {
    await expect(new LenetTrainerService().configure(SMALL)).rejects.toThrow(
      'lenet.configure: no data; pass the data set or call loadData first',
    );
  });
});
