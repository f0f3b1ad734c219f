// Plain-node entry of a function instance (a worker thread) when esbuild is absent (see entry.ts): registers tsx so the TypeScript worker loads.
// Kept as .js because worker_threads start outside any loader the parent may use (jest, tsx).
require('tsx/cjs/api').register()
require('./worker.ts')
