// electron-builder configuration for `npm run package` (see README, "Desktop app").
// The app archive holds only the bundled shell (dist/electron, with zod bundled into main.js), the
// built renderer (dist/renderer) and package.json: no node_modules, so the renderer's and the
// CLI's dependencies stay out.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.convlab.desktop',
  productName: 'ConvLab',
  copyright: 'Copyright © ConvLab contributors (MIT)',
  directories: { output: 'release', buildResources: 'build' },
  icon: 'build/icon.png',
  files: ['dist/electron/**/*', 'dist/renderer/**/*', 'package.json', '!**/*.map'],
  // Resolving to false tells electron-builder node_modules are handled elsewhere: nothing is copied,
  // because main and preload are self-contained bundles.
  beforeBuild: async () => false,
  asar: true,
  fileAssociations: [
    {
      ext: 'convlab.json',
      name: 'ConvLab lab',
      description: 'ConvLab lab file',
      mimeType: 'application/x-convlab+json',
      role: 'Editor',
    },
  ],
  // Electron's fuses, flipped at package time: no running as plain Node, no NODE_OPTIONS or
  // --inspect, and only the integrity-checked app.asar may be loaded.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: { target: [{ target: 'nsis', arch: ['x64'] }] },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
  mac: {
    category: 'public.app-category.education',
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
  },
  linux: {
    category: 'Education',
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    maintainer: 'ConvLab contributors',
  },
};
