// The sections of Dive into Deep Learning's convolution chapter that the lab's views stand for, with
// their pages on d2l.ai: the one table every "read it in the book" link reads.
const CHAPTER_URL = 'https://d2l.ai/chapter_convolutional-neural-networks';

export const BOOK_SECTIONS = {
  '7.2': { title: 'Convolutions for Images', topic: 'cross-correlation', page: 'conv-layer.html' },
  '7.3': { title: 'Padding and Stride', topic: 'padding and stride', page: 'padding-and-strides.html' },
  '7.4': { title: 'Multiple Input and Multiple Output Channels', topic: 'channels', page: 'channels.html' },
  '7.5': { title: 'Pooling', topic: 'pooling', page: 'pooling.html' },
} as const;

export type BookSectionNumber = keyof typeof BOOK_SECTIONS;

export const bookSectionUrl = (section: BookSectionNumber): string =>
  `${CHAPTER_URL}/${BOOK_SECTIONS[section].page}`;
