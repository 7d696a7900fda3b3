// Worker threads do not inherit a TypeScript loader, so this plain entry registers tsx's
// require hook (with the tsconfig path aliases) and hands over to the TypeScript entry.
require('tsx/cjs');
require('./training-thread.ts');
