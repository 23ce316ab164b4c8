import { writeFileSync } from 'node:fs';
import { renderSpec, specPath } from './life-cycle-tables.js';

writeFileSync(specPath, renderSpec());
console.log(`wrote the life-cycle tables of ${specPath}`);
