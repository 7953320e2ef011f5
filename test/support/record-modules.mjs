// Preloaded with `node --import` (NODE_OPTIONS) into a gateway process under test: writes the URL of
// every module it loaded, import or require, to the file named by RECORD_MODULES_TO when it exits.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => writeFileSync(process.env.RECORD_MODULES_TO, [...loaded].join('\n')));
