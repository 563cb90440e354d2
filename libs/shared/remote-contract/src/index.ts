export * from './remote-module.js';
export * from './remote-manifest.js';
export * from './route-match.js';
export * from './deploy-layout.js';
