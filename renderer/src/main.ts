import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { detectPlatform } from './platform/index.ts';

const target = document.getElementById('app');
if (target === null) throw new Error('ConvLab: the page has no #app element to mount into');
mount(App, { target, props: { platform: detectPlatform() } });
