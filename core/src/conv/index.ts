// Convolution, pooling and padding ops (core issue #2, conv part): conv2d, corr2d, maxPool2d, avgPool2d, pad.
export {};
