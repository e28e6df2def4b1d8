// The system's colour scheme as reactive state, so colours computed from it (the diverging scale's zero,
// the legends) are redrawn when the user switches the theme while the lab is open.
class ColourScheme {
  dark = $state(false);

  constructor() {
    const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return; // jsdom without matchMedia: the light theme
    this.dark = query.matches;
    query.addEventListener?.('change', (event) => (this.dark = event.matches));
  }
}

export const colourScheme = new ColourScheme();
